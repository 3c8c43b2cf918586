//! Reader comments: the page's comment sections, split into one record per
//! comment (`{author, date, text}`, in page order), and the number of
//! comments the page states ("42 Kommentare", JSON-LD `commentCount`).
//!
//! Comment sections are chrome for the body (`analyze`: `ChromeWhy::Comments`):
//! they never vote for it and never enter it. This module reads them on their
//! own after the body is chosen, and leaves alone every element that holds a
//! body block, so no text is ever both body and comment.
//!
//! The steps, top to bottom:
//! 1. **find** (one pass over the page): the outermost elements named like a
//!    comment section or a single comment (`#comments`, `.comment-list`,
//!    `ol.commentlist`, `#disqus_thread`, `article.comment`,
//!    `itemprop=comment`, `UserComments`), skipping widgets that only list
//!    comments of other pages ("Recent comments") and comment forms; and the
//!    counts the page states on the way.
//! 2. **split** each section into records: the elements named like one
//!    comment (nested replies of the same element kind are records of their
//!    own); else the repeated sibling structure that holds most of the
//!    section's text; else runs that start at an author line (`dl > dt.author
//!    + dd`, Blogger).
//! 3. **read** each record: the author (`.comment-author`, `.fn`,
//!    `.username`, `itemprop=author`, a link to a user profile, "by NAME on
//!    …"), the date (`<time>`, date classes; ISO 8601 when it parses) and the
//!    text without the author line, the date, the reply/report/like buttons
//!    and counters, forms and avatars.

use foldhash::HashMap;

use crate::analyze::{flag, for_each_token, Analysis};
use crate::document::Comment;
use crate::dom::{Dom, Element, NodeData, NodeId, DOCUMENT, NONE};
use crate::patterns::{StemSet, WordBits};
use html5ever::local_name;

/// What the comment reader found on a page.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub comments: Vec<Comment>,
    /// The number of comments the page states, or else the number found.
    pub count: Option<u32>,
}

// ---------------------------------------------------------------------------
// Names

/// Stems that any class/id value of a comment section or comment contains
/// (checked on the lowercased value before it is split into tokens, so the
/// one pass over the page stays cheap): English/French `comment…`, German
/// `Kommentar…`, Spanish/Portuguese/Italian `comentario`/`commento`, Disqus,
/// Dutch `reacties`, `talkback`, German `Leserbrief`.
const SECTION_STEMS: &[&str] = &[
    "comment",
    "komment",
    "coment",
    "disqus",
    "reactie",
    "talkback",
    "leserbrief",
];

/// Whole tokens (beyond the stems) that name a comment section: old
/// WordPress themes' `#responses`, forum-like `#replies`.
const SECTION_TOKENS: &[&str] = &["responses", "replies"];

/// Tokens that make a comment-named element something else than a comment
/// section: sidebar widgets listing the latest comments of other posts
/// (`widget_recent_comments`, `most-commented`), comment forms (`#respond`,
/// `.comment-form`), and the comment policy.
const NOT_SECTION_TOKENS: &[&str] = &[
    "recent",
    "recentcomments",
    "latest",
    "popular",
    "most",
    "mostcommented",
    "widget",
    "sidebar",
    "form",
    "commentform",
    "respond",
    "commentrespond",
    "reply",
    "replyform",
    "policy",
    "rules",
    "guidelines",
    "netiquette",
    "login",
    "closed",
    "teaser",
];

/// Tokens of small comment-named elements that only point to the comments
/// (`.comments-link`, `.comment-count`, a speech-bubble icon): read for the
/// count, never taken as a section.
const POINTER_TOKENS: &[&str] = &[
    "count", "counter", "number", "num", "link", "links", "icon", "bubble", "btn", "button",
    "toggle", "trigger", "rss", "feed",
];

/// A pointer element is short; a longer element with such a name is a real
/// section (`.comments-toggle` around the whole list).
const POINTER_MAX_CHARS: u32 = 80;

/// Class names (tokens joined, `comment-item` → `commentitem`) of one
/// comment: WordPress `li.comment`, `.comment-item`, `.single-comment`,
/// `.user-comment`, German `.kommentar`, Spanish `.comentario`.
const ITEM_CLASS_NAMES: &[&str] = &[
    "comment",
    "commentitem",
    "commentsitem",
    "commententry",
    "commentlistitem",
    "singlecomment",
    "usercomment",
    "readercomment",
    "kommentar",
    "comentario",
    "commento",
    "commentaire",
];

/// The first token of a numbered id of one comment (`comment-340`,
/// `li-comment-12`, `div-comment-12`, `comment_40747335`).
const ITEM_ID_PREFIXES: &[&str] = &["comment", "li", "div", "article"];

/// schema.org types of one comment (`itemtype=".../Comment"`,
/// `.../UserComments`).
const ITEM_TYPES: &[&str] = &["comment", "usercomments"];

/// Tokens of the commenter's name inside a comment (`.comment-author`,
/// `.fn`, `.username`, `.user-name`, `.commenter`, `.by`).
const AUTHOR_TOKENS: &[&str] = &[
    "author",
    "commentauthor",
    "authorname",
    "fn",
    "username",
    "user",
    "nickname",
    "nick",
    "commenter",
    "poster",
    "postedby",
    "by",
    "byline",
    "autor",
    "auteur",
    "autore",
    "vcard",
    "name",
];

/// Tokens of the comment's date (`.comment-date`, `.timestamp`, `.datum`).
const DATE_TOKENS: &[&str] = &[
    "date",
    "time",
    "timestamp",
    "datetime",
    "published",
    "posted",
    "postdate",
    "commentdate",
    "pubdate",
    "datum",
    "zeit",
    "fecha",
    "ago",
    "timeago",
];

/// Tokens of the parts of a comment that are not its text: meta lines,
/// headers and footers holding name and date, reply/report/like buttons and
/// counters, avatars, badges, moderation tools.
const NOISE_TOKENS: &[&str] = &[
    "meta",
    "metadata",
    "info",
    "header",
    "footer",
    "tools",
    "toolbar",
    "actions",
    "action",
    "controls",
    "buttons",
    "button",
    "btn",
    "reply",
    "replylink",
    "respond",
    "report",
    "flag",
    "abuse",
    "vote",
    "votes",
    "voting",
    "rating",
    "rate",
    "score",
    "like",
    "likes",
    "dislike",
    "recommend",
    "recommended",
    "share",
    "social",
    "permalink",
    "edit",
    "delete",
    "moderation",
    "aktionen",
    "avatar",
    "photo",
    "badge",
    "badges",
    "karma",
    "points",
    "reactions",
    "count",
    "counter",
    "num",
    "pagination",
    "pager",
    "paging",
    "nav",
    "navigation",
    "sort",
    "sorting",
    "filter",
    "legend",
    "policy",
    "rules",
    "guidelines",
    "login",
    "signin",
];

/// Tokens of the element that holds a comment's text (`.comment-body`,
/// `.comment_text`, `.comment-content`, `.message`): never a part to skip,
/// whatever else its names say (`div.comment-meta.comment_text`).
const TEXT_TOKENS: &[&str] = &["text", "body", "content", "message", "entry", "copy"];

/// Author, date and noise names hold short lines; a longer element so named
/// holds the comment's text too and is read inside.
const PART_MAX_CHARS: u32 = 150;
/// An author name is at most this long.
const AUTHOR_MAX_CHARS: usize = 60;

/// Path parts of links to a commenter's profile (`/user/…`, `/profile/…`,
/// Slashdot's `/~name`).
pub(crate) const PROFILE_LINK_PARTS: &[&str] = &[
    "/user/",
    "/users/",
    "/profile/",
    "/profiles/",
    "/member/",
    "/members/",
    "/benutzer/",
    "/people/",
    "/author/",
    "/~",
];

/// Words before a commenter's name in a meta line ("by james on …").
const BY_WORDS: &[&str] = &["by", "von", "par", "por", "di", "door", "de", "from"];

/// Words after a commenter's name ("tRiSh said...", "Anna sagt:").
const SAID_WORDS: &[&str] = &[
    "said",
    "says",
    "wrote",
    "writes",
    "sagt",
    "schreibt",
    "schrieb",
    "meint",
    "dit",
    "a dit",
    "écrit",
    "dice",
    "dijo",
    "escribió",
    "scrive",
    "ha scritto",
    "zegt",
    "schreef",
];

/// Words that end a name in a meta line ("james on January 31", "Anna am
/// 3. Mai", "Tom | 12:40").
const NAME_END_WORDS: &[&str] = &[
    "on", "am", "um", "le", "el", "il", "op", "at", "-", "|", "—", "–", "•", "·", "@",
];

// ---------------------------------------------------------------------------
// Lines that are not comment text

/// Whole lines that are buttons, links or labels of the comment machinery,
/// compared lowercased with surrounding punctuation and arrows removed.
const NOISE_LINES: &[&str] = &[
    "reply",
    "replies",
    "reply to this",
    "reply to this comment",
    "log in to reply",
    "login to reply",
    "antworten",
    "antwort",
    "auf diesen kommentar antworten",
    "report",
    "report abuse",
    "report comment",
    "report this comment",
    "melden",
    "missbrauch melden",
    "kommentar melden",
    "beitrag melden",
    "like",
    "unlike",
    "dislike",
    "likes",
    "share",
    "teilen",
    "flag",
    "flag as inappropriate",
    "permalink",
    "link",
    "quote",
    "zitieren",
    "répondre",
    "signaler",
    "signaler un abus",
    "responder",
    "denunciar",
    "rispondi",
    "segnala",
    "reageer",
    "reageren",
    "beantwoorden",
    "upvote",
    "downvote",
    "edit",
    "delete",
    "bearbeiten",
    "löschen",
    "recommend",
    "empfehlen",
    "gefällt mir",
    "j'aime",
    "me gusta",
    "mi piace",
    "re",
    "show more comments",
    "load more comments",
    "more comments",
    "view all comments",
    "show all comments",
    "see all comments",
    "mehr kommentare",
    "weitere kommentare",
    "alle kommentare",
    "alle kommentare anzeigen",
    "show replies",
    "hide replies",
    "view replies",
    "antworten anzeigen",
    "more",
    "mehr",
    "read more",
    "weiterlesen",
    "collapse",
    "expand",
    "said",
    "says",
    "sagt",
    "top",
    "pick comment",
    "staff",
    "contributor",
    "posted by",
    "written by",
    "link to this comment",
    "close",
    "home",
    "add yours",
    "get a gravatar",
];

/// Rule `comment-section-labels`: the titles, placeholders and calls to
/// action of a comment section ("Comments", "No comments yet", "Be the
/// first to comment", "Leave a reply", "Loading comments…", "comments
/// powered by Disqus", "Read all 210 comments"), compared on a short line
/// with its numbers dropped: whole lines ...
const SECTION_LABELS: &[&str] = &[
    "comments",
    "comment",
    "comment s",
    "reader comments",
    "readers comments",
    "reader views",
    "user comments",
    "your comments",
    "disqus",
    "livefyre",
    "get livefyre",
    "comment help",
    "powered by",
    "add comment",
    "write comment",
    "submit comment",
    "show comments",
    "view comments",
    "see comments",
    "load comments",
    "read comments",
    "join the conversation",
    "join the discussion",
    "have your say",
    "your say",
    "what others are saying",
    "login",
    "log in",
    "sign in",
    "register",
    "comments & replies",
    "comments and replies",
    "view all",
    "show all",
    "add comments",
    "subscribe",
    "rss feed",
    "read what others are saying",
    "most discussed",
    "most commented",
    "kommentare",
    "kommentar",
    "kommentieren",
    "jetzt kommentieren",
    "diskutieren sie mit",
    "alle kommentare",
    "kommentare anzeigen",
    "kommentare laden",
    "anmelden",
    "einloggen",
    "commentaires",
    "commentaire",
    "réagir",
    "comentarios",
    "comentario",
];

/// ... and line starts.
const SECTION_LABEL_STARTS: &[&str] = &[
    "no comments",
    "there are no comments",
    "this article has no comments",
    "you can follow this conversation",
    "comments feed",
    "comment feed",
    "subscribe to comments",
    "follow any comments",
    "comments add one",
    "leave your comment",
    "no responses",
    "no trackbacks",
    "this article has no comments",
    "there are no comments",
    "comments are closed",
    "comments closed",
    "comments for this",
    "comments on this",
    "comment on this",
    "comments powered by",
    "blog comments powered by",
    "be the first",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "add your comment",
    "add your view",
    "add new comment",
    "post a comment",
    "post new comment",
    "post your comment",
    "write a comment",
    "write a new comment",
    "write new comment",
    "show all comments",
    "view all comments",
    "see all comments",
    "load more comments",
    "loading comments",
    "read all",
    "please sign in",
    "sign in to comment",
    "log in to comment",
    "already registered",
    "create a new",
    "keine kommentare",
    "noch keine kommentare",
    "kommentar schreiben",
    "seien sie der erste",
    "schreiben sie einen kommentar",
    "aucun commentaire",
    "ajouter un commentaire",
    "laisser un commentaire",
    "soyez le premier",
    "deja un comentario",
    "sin comentarios",
    "añadir comentario",
];

/// A section label is a short line; a line that starts like one is at
/// most this long ("There are no comments for this journal entry. To
/// create a new comment, use the form below.").
const SECTION_LABEL_MAX_WORDS: usize = 10;
const SECTION_LABEL_START_MAX_WORDS: usize = 20;

/// Is this folded line (lowercase, no surrounding punctuation) a label of
/// the comment section? Numbers are dropped first ("Read all 53 comments").
fn is_section_label(core: &str) -> bool {
    let words: Vec<&str> = core
        .split(|c: char| !c.is_alphanumeric() && c != '&' && c != '\'')
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    if words.is_empty() {
        return true;
    }
    if words.len() > SECTION_LABEL_START_MAX_WORDS {
        return false;
    }
    let line = words.join(" ");
    (words.len() <= SECTION_LABEL_MAX_WORDS && SECTION_LABELS.contains(&line.as_str()))
        || SECTION_LABEL_STARTS.iter().any(|l| {
            line.starts_with(l) && (line.len() == l.len() || line.as_bytes()[l.len()] == b' ')
        })
}

/// A row of buttons has at most this many words.
const BUTTON_ROW_MAX_WORDS: usize = 6;

/// Words that, next to a number, make a line a counter ("12 likes",
/// "Responses (0)", "3 Antworten", "+5 points").
const COUNTER_WORDS: &[&str] = &[
    "like",
    "likes",
    "dislike",
    "dislikes",
    "point",
    "points",
    "vote",
    "votes",
    "reply",
    "replies",
    "response",
    "responses",
    "antwort",
    "antworten",
    "recommend",
    "recommended",
    "recommendations",
    "empfehlung",
    "empfehlungen",
    "zustimmung",
    "zustimmungen",
    "score",
    "karma",
    "réponse",
    "réponses",
    "respuesta",
    "respuestas",
    "risposta",
    "risposte",
    "reacties",
    "comment",
    "comments",
    "tweet",
    "tweets",
    "share",
    "shares",
    "view",
    "views",
];

// ---------------------------------------------------------------------------
// Counts

/// Words that, next to a number, state the number of comments ("15
/// comments", "Kommentare (3)", "47 reader comments", "12 réactions").
const COUNT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "kommentar",
    "kommentare",
    "leserkommentare",
    "commentaire",
    "commentaires",
    "réaction",
    "réactions",
    "comentario",
    "comentarios",
    "comentário",
    "comentários",
    "commento",
    "commenti",
    "reactie",
    "reacties",
    "responses",
    "leserbriefe",
    "thoughts",
    "replies",
    "réponses",
    "antworten",
    "respuestas",
    "risposte",
];

/// A text that states a count is this short ("15 comments", "3 thoughts on
/// “…”"); longer text is prose that may mention comments ...
const COUNT_TEXT_MAX_CHARS: u32 = 200;
/// ... and states it in its first words.
const COUNT_FIRST_WORDS: usize = 5;
/// Counts above this are misread numbers (years, ids).
const COUNT_MAX: u32 = 1_000_000;

/// How sure a stated count is: structured data, then the comment section's
/// own heading, then a heading or a link to `#comments` elsewhere.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum CountSource {
    Link,
    Heading,
    Data,
}

// ---------------------------------------------------------------------------
// Splitting

/// A repeated structure needs at least this many members ...
const MIN_REPEATED: usize = 2;
/// ... each with at least this much text.
const MIN_ITEM_CHARS: u32 = 2;
/// A form inside a section with less text than this is the comment form
/// (labels, "Leave a reply", allowed tags).
const FORM_MAX_CHARS: u32 = 600;

/// Tokens of the comment form and its parts (`#respond`, `.comment-form`,
/// `#commentform`, "add comment" boxes).
const FORM_TOKENS: &[&str] = &[
    "form",
    "commentform",
    "replyform",
    "respond",
    "commentrespond",
    "postcomment",
    "addcomment",
    "writecomment",
    "newcomment",
    "leavecomment",
    "leaveareply",
];

/// A comment has at most this share of its text in links, once it has this
/// many links (a comment's title can be one link).
const MIN_LIST_LINKS: usize = 2;
/// A comment has at most this share of its text in links.
const RECORD_MAX_LINK_DENSITY: f32 = 0.5;

/// How pingbacks and trackbacks (notices of other blogs linking to the
/// post, listed among the comments by WordPress and Movable Type) start.
const PINGBACK_STARTS: &[&str] = &["pingback:", "trackback:", "[...]", "[…]"];

/// A section read whole as one comment must keep this many words ...
const WHOLE_SECTION_MIN_WORDS: usize = 4;
/// ... outside its blocks with more than this share of links.
const WHOLE_SECTION_MAX_LINK_DENSITY: f32 = 0.5;

/// Words of a comment policy ("Comments that include profanity or personal
/// attacks will be removed", "We reserve the right to delete comments"): a
/// paragraph holding one of them, in a record found by structure or a
/// section read whole (not in an element named as one comment), is the
/// house rules, not a comment.
const POLICY_MARKERS: &[&str] = &[
    "will be removed",
    "may be removed",
    "will be deleted",
    "may be reviewed",
    "reserve the right",
    "personal attacks",
    "profanity",
    "be respectful",
    "keep your comments",
    "terms of use",
    "terms of service",
    "community guidelines",
    "comment policy",
    "moderated",
    "moderation",
    "do not represent",
    "does not represent",
    "not editorially reviewed",
    "opinions of",
    "netiquette",
    "nutzungsbedingungen",
    "werden gelöscht",
    "moderiert",
    "modération",
    "charte",
    "civility",
    "your comment",
    "you comment",
    "logged in",
    "log in or register",
    "no account",
    "all rights reserved",
    "©",
];

/// Tag names that never make a comment section, whatever their class says
/// (`<body class="comments-open">`).
const NEVER_SECTION_TAGS: &[&str] = &["html", "body", "main", "head"];

// ---------------------------------------------------------------------------

/// Bits of what an element's names say.
mod name {
    pub const SECTION: u16 = 1;
    pub const ITEM: u16 = 2;
    /// A comment-named element that is no section (widget, form, policy).
    pub const NOT_SECTION: u16 = 4;
    pub const POINTER: u16 = 8;
    pub const AUTHOR: u16 = 16;
    pub const DATE: u16 = 32;
    pub const NOISE: u16 = 64;
    pub const FORM: u16 = 128;
    /// Any comment-named value (see [`SECTION_STEMS`]).
    pub const STEM: u16 = 256;
    /// A comment-named part of a comment (`.comment-author`, `.comment-meta`).
    pub const STEM_PART: u16 = 512;
    /// Holds a comment's text (see [`TEXT_TOKENS`]).
    pub const TEXT: u16 = 1024;
}

/// Find and read the page's comments. `body` lists the elements that own
/// the body's blocks: no element holding one is read as comments.
pub(crate) fn extract(dom: &Dom, an: &Analysis, body: &[NodeId]) -> Found {
    let mut r = Reader {
        dom,
        an,
        holds_body: vec![false; dom.nodes.len()],
        cache: HashMap::default(),
        id_cache: HashMap::default(),
        id_key: String::new(),
        stated: None,
    };
    for &b in body {
        let mut n = b;
        while n != NONE && !r.holds_body[n as usize] {
            r.holds_body[n as usize] = true;
            n = dom.node(n).parent;
        }
    }
    let roots = r.find_roots();
    let sections = group_roots(dom, &roots);
    for section in &sections {
        for &root in &section.roots {
            r.heading_counts(root);
        }
    }
    let mut comments = Vec::new();
    for section in &sections {
        for record in r.split(section) {
            if let Some(c) = r.read(&record) {
                comments.push(c);
            }
        }
    }
    let found = comments.len() as u32;
    let count = match r.stated {
        Some((_, n)) => Some(n.max(found)),
        None => (found > 0).then_some(found),
    };
    Found { comments, count }
}

/// One record: usually one element; a run of siblings where a comment is
/// not wrapped (Blogger's `dt` + `dd`).
struct Record {
    nodes: Vec<NodeId>,
    /// A whole section read as one comment (rule `one-comment-section`).
    whole: bool,
    /// Named as one comment (rule `named-comments`), not found by structure.
    named: bool,
}

/// A comment section: one named element, or a run of sibling comments that
/// stand without a named container.
struct Section {
    roots: Vec<NodeId>,
    /// The roots are the comments themselves.
    items: bool,
}

/// Roots found in page order. Rule `sibling-comments`: sibling comments
/// without a named container (`div.comment` after `div.comment`, or
/// `div.commentbody` boxes each named like a section) are one section whose
/// roots are the comments.
fn group_roots(dom: &Dom, roots: &[(NodeId, bool)]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for &(id, is_item) in roots {
        if let Some(last) = out.last_mut() {
            let prev = last.roots.last().copied().unwrap_or(NONE);
            let siblings = prev != NONE && dom.node(prev).parent == dom.node(id).parent;
            let alike = || match (dom.element(prev), dom.element(id)) {
                (Some(a), Some(b)) => {
                    let (sa, sb) = (signature(a), signature(b));
                    !sa.1.is_empty() && sa == sb
                }
                _ => false,
            };
            if siblings && ((is_item && last.items) || alike()) {
                last.roots.push(id);
                last.items = true;
                continue;
            }
        }
        out.push(Section {
            roots: vec![id],
            items: is_item,
        });
    }
    out
}

struct Reader<'a> {
    dom: &'a Dom,
    an: &'a Analysis,
    holds_body: Vec<bool>,
    /// Name bits per class/id value (values repeat on every comment).
    cache: HashMap<&'a str, u16>,
    /// Name bits per comment-named id, digits dropped (`comment-`).
    id_cache: HashMap<String, u16>,
    id_key: String,
    /// The surest count the page states.
    stated: Option<(CountSource, u32)>,
}

impl<'a> Reader<'a> {
    #[inline]
    fn skipped(&self, id: NodeId) -> bool {
        self.an.flags[id as usize] & flag::SKIP != 0
    }

    #[inline]
    fn chars(&self, id: NodeId) -> u32 {
        self.an.chars[id as usize]
    }

    fn state_count(&mut self, source: CountSource, n: u32) {
        match self.stated {
            Some((s, m)) if s > source || (s == source && m >= n) => {}
            _ => self.stated = Some((source, n)),
        }
    }

    /// Step 1: the outermost comment sections and orphan comments, in page
    /// order (`true` for a comment item). Reads stated counts on the way.
    fn find_roots(&mut self) -> Vec<(NodeId, bool)> {
        let dom = self.dom;
        let mut roots = Vec::new();
        let mut stack = vec![DOCUMENT];
        while let Some(id) = stack.pop() {
            if let Some(el) = dom.element(id) {
                self.structured_count(id, el);
                if self.skipped(id) {
                    // JSON-LD and microdata counts stand in `<head>`.
                    if &*el.name.local == "head" {
                        for c in dom.children(id) {
                            if let Some(ce) = dom.element(c) {
                                self.structured_count(c, ce);
                            }
                        }
                    }
                    continue;
                }
                let tag: &str = &el.name.local;
                if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                    self.count_in_text(id, CountSource::Heading);
                    continue;
                }
                if tag == "a"
                    && el
                        .attr("href")
                        .is_some_and(|h| h.starts_with('#') && self.has_stem(h))
                {
                    self.count_in_text(id, CountSource::Link);
                }
                let bits = self.section_bits(id, el);
                if bits & name::POINTER != 0 {
                    self.count_in_text(id, CountSource::Link);
                    continue;
                }
                if bits & name::NOT_SECTION != 0 && !self.holds_body[id as usize] {
                    continue;
                }
                if bits & (name::SECTION | name::ITEM) != 0
                    && !self.holds_body[id as usize]
                    && !NEVER_SECTION_TAGS.contains(&tag)
                {
                    roots.push((id, bits & name::ITEM != 0));
                    continue;
                }
            }
            let mut c = dom.node(id).last_child;
            while c != NONE {
                stack.push(c);
                c = dom.node(c).prev;
            }
        }
        roots
    }

    fn has_stem(&self, value: &str) -> bool {
        has_stem(value)
    }

    /// What an element is at the level of sections: SECTION (a comment
    /// section), ITEM (one comment), NOT_SECTION (a comment widget or form,
    /// left alone), POINTER (a short link or counter pointing to the
    /// comments), or nothing. Parts of a comment (`.comment-author`,
    /// `.comment-meta`) are nothing here.
    fn section_bits(&mut self, id: NodeId, el: &'a Element) -> u16 {
        let mut bits = 0;
        let mut stem = false;
        for a in &el.attrs {
            match a.name.local {
                local_name!("class") | local_name!("id") => stem |= has_stem(&a.value),
                local_name!("itemprop") => {
                    if a.value
                        .split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("comment"))
                    {
                        bits |= name::ITEM;
                    }
                }
                local_name!("itemtype") => {
                    let last = a.value.trim().rsplit('/').next().unwrap_or("");
                    if ITEM_TYPES.iter().any(|x| last.eq_ignore_ascii_case(x)) {
                        bits |= name::ITEM;
                    }
                }
                _ => {}
            }
        }
        if !stem {
            return bits;
        }
        let b = self.name_bits(el);
        if b & name::ITEM != 0 {
            return bits | name::ITEM;
        }
        if b & name::NOT_SECTION != 0 {
            return bits | name::NOT_SECTION;
        }
        if b & name::POINTER != 0 && self.chars(id) <= POINTER_MAX_CHARS {
            return bits | name::POINTER;
        }
        if b & name::STEM_PART != 0 {
            return bits;
        }
        if b & name::STEM != 0 {
            bits |= name::SECTION;
        }
        bits
    }

    /// All name bits of an element's class and id, cached per value pair.
    fn name_bits(&mut self, el: &'a Element) -> u16 {
        let (mut class, mut id) = ("", "");
        for a in &el.attrs {
            match a.name.local {
                local_name!("class") => class = &a.value,
                local_name!("id") => id = &a.value,
                _ => {}
            }
        }
        let mut raw = 0;
        if !class.is_empty() {
            raw = match self.cache.get(class) {
                Some(&b) => b,
                None => {
                    let b = value_bits(class, true);
                    self.cache.insert(class, b);
                    b
                }
            };
        }
        // An id is unique to its element (`comment-340`): read only when
        // comment-named, cached without its digits.
        if !id.is_empty() && has_stem(id) {
            self.id_key.clear();
            self.id_key
                .extend(id.chars().filter(|c| !c.is_ascii_digit()));
            raw |= match self.id_cache.get(self.id_key.as_str()) {
                Some(&b) => b,
                None => {
                    let b = value_bits(id, false);
                    self.id_cache.insert(self.id_key.clone(), b);
                    b
                }
            };
            if is_item_id(id) {
                raw |= name::ITEM;
            }
        }
        finish_bits(raw)
    }

    /// Counts in structured data: JSON-LD `commentCount` or a
    /// `CommentAction` interaction statistic; microdata
    /// `itemprop=commentCount`.
    fn structured_count(&mut self, id: NodeId, el: &Element) {
        let count_prop = el.attrs.iter().any(|a| {
            a.name.local == local_name!("itemprop") && a.value.eq_ignore_ascii_case("commentCount")
        });
        if count_prop {
            let v = match el.attr("content") {
                Some(c) => c.to_string(),
                None => {
                    let mut s = String::new();
                    self.dom.text_of(id, &mut s);
                    s
                }
            };
            if let Ok(n) = v.trim().parse::<u32>() {
                if n < COUNT_MAX {
                    self.state_count(CountSource::Data, n);
                }
            }
            return;
        }
        if el.name.local != local_name!("script")
            || !el
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            return;
        }
        let mut t = String::new();
        for c in self.dom.children(id) {
            if let NodeData::Text(s) = &self.dom.node(c).data {
                t.push_str(s);
            }
        }
        if !t.contains("commentCount") && !t.contains("CommentAction") {
            return;
        }
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(t.trim()) {
            if let Some(n) = json_comment_count(&v) {
                self.state_count(CountSource::Data, n);
            }
        }
    }

    /// Counts stated in the headings of a comment section ("42 Kommentare",
    /// "3 thoughts on “…”").
    fn heading_counts(&mut self, root: NodeId) {
        let dom = self.dom;
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if dom.element(id).is_none() || self.skipped(id) {
                continue;
            }
            if matches!(dom.tag(id), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                self.count_in_text(id, CountSource::Heading);
                continue;
            }
            stack.extend(dom.children(id));
        }
    }

    /// A count stated in the short text of `id` ("15 comments").
    fn count_in_text(&mut self, id: NodeId, source: CountSource) {
        let c = self.chars(id);
        if c == 0 || c > COUNT_TEXT_MAX_CHARS {
            return;
        }
        let mut s = String::new();
        self.dom.text_of(id, &mut s);
        if let Some(n) = count_phrase(&s) {
            self.state_count(source, n);
        }
    }

    /// Step 2: the records of one section, in page order.
    fn split(&mut self, section: &Section) -> Vec<Record> {
        if section.items {
            let mut out = Vec::new();
            for &root in &section.roots {
                out.extend(self.named_records(root, true));
            }
            return out;
        }
        let Some(&root) = section.roots.first() else {
            return Vec::new();
        };
        let named = self.named_records(root, false);
        if !named.is_empty() {
            return named;
        }
        let repeated = self.structural_records(root);
        if !repeated.is_empty() {
            return repeated;
        }
        // Rule `one-comment-section`: a section without repeated parts holds
        // one comment (or runs its comments together); read it whole.
        vec![Record {
            nodes: vec![root],
            whole: true,
            named: false,
        }]
    }

    /// Should the split skip this element (a form, a widget, hidden)?
    fn outside_records(&mut self, id: NodeId, el: &'a Element) -> bool {
        if self.skipped(id) || self.holds_body[id as usize] {
            return true;
        }
        let bits = self.name_bits(el);
        self.is_form(id, el, bits)
    }

    /// Rule `comment-form`: the form under a comment section ("Leave a
    /// reply", name/e-mail/text fields, the allowed tags) is no comment.
    fn is_form(&self, id: NodeId, el: &Element, bits: u16) -> bool {
        let small = self.chars(id) < FORM_MAX_CHARS;
        (&*el.name.local == "form" || bits & name::FORM != 0) && small
    }

    /// Rule `named-comments`: the elements named like one comment inside
    /// `root` (or `root` itself when it is one). An item inside another of
    /// the same tag is a reply, a record of its own; one of another tag
    /// (`article.comment-body` inside `li.comment`) is part of it.
    fn named_records(&mut self, root: NodeId, root_is_item: bool) -> Vec<Record> {
        let dom = self.dom;
        let mut out: Vec<Record> = Vec::new();
        // (node, tag of the nearest record above it, or "")
        let mut stack: Vec<(NodeId, &str)> = vec![(root, "")];
        while let Some((id, above)) = stack.pop() {
            let Some(el) = dom.element(id) else { continue };
            if self.outside_records(id, el) {
                continue;
            }
            let tag: &'a str = &el.name.local;
            let mut inner = above;
            // Empty anchors (`<a id="comment-47492">`) only mark a place.
            let is_item = self.chars(id) >= MIN_ITEM_CHARS
                && ((id == root && root_is_item)
                    || (id != root && self.section_bits(id, el) & name::ITEM != 0));
            if is_item && (above.is_empty() || above == tag) {
                // A definition list of comments: `dt.comment` (name, date)
                // then `dd.comment` (text) make one comment.
                let prev = self.prev_element(id);
                match out.last_mut() {
                    Some(r)
                        if tag == "dd"
                            && prev != NONE
                            && r.nodes == [prev]
                            && dom.tag(prev) == "dt" =>
                    {
                        r.nodes.push(id)
                    }
                    _ => out.push(Record {
                        nodes: vec![id],
                        whole: false,
                        named: true,
                    }),
                }
                inner = tag;
            }
            let mut c = dom.node(id).last_child;
            while c != NONE {
                stack.push((c, inner));
                c = dom.node(c).prev;
            }
        }
        out
    }

    /// The element sibling before `id`, or `NONE`.
    fn prev_element(&self, id: NodeId) -> NodeId {
        let mut p = self.dom.node(id).prev;
        while p != NONE && self.dom.element(p).is_none() {
            p = self.dom.node(p).prev;
        }
        p
    }

    /// Rule `repeated-comments`: without comment names, the comments are the
    /// repeated sibling structure (same tag, same first class) holding the
    /// most text of the section; members with the same structure inside
    /// them are replies. Rule `author-runs`: where comments are not wrapped
    /// but follow each other as author line, text and footer (`dl > dt + dd
    /// + dd`), each run from one author line to the next is a comment.
    fn structural_records(&mut self, root: NodeId) -> Vec<Record> {
        let dom = self.dom;
        // (parent, signature, members' text) of the best group.
        let mut best: Option<(NodeId, (&'a str, String), u32)> = None;
        let mut best_runs: Option<(Vec<Record>, u32)> = None;
        let mut stack = vec![root];
        let mut groups: Vec<((&'a str, String), u32, usize)> = Vec::new();
        while let Some(id) = stack.pop() {
            let Some(el) = dom.element(id) else { continue };
            if self.outside_records(id, el) {
                continue;
            }
            groups.clear();
            let mut authors = 0usize;
            let mut c = dom.node(id).first_child;
            while c != NONE {
                if let Some(ce) = dom.element(c) {
                    if !self.outside_records(c, ce) && self.chars(c) >= MIN_ITEM_CHARS {
                        let bits = self.name_bits(ce);
                        if bits & name::AUTHOR != 0 && self.chars(c) <= PART_MAX_CHARS {
                            authors += 1;
                        }
                        let sig = signature(ce);
                        match groups.iter_mut().find(|g| g.0 == sig) {
                            Some(g) => {
                                g.1 += self.chars(c);
                                g.2 += 1;
                            }
                            None => groups.push((sig, self.chars(c), 1)),
                        }
                    }
                    stack.push(c);
                }
                c = dom.node(c).next;
            }
            if authors >= MIN_REPEATED {
                let runs = self.author_runs(id);
                let total: u32 = runs
                    .iter()
                    .flat_map(|r| r.nodes.iter())
                    .map(|&n| self.chars(n))
                    .sum();
                if best_runs.as_ref().is_none_or(|b| total > b.1) {
                    best_runs = Some((runs, total));
                }
            }
            for g in groups.drain(..) {
                if g.2 >= MIN_REPEATED && best.as_ref().is_none_or(|b| g.1 > b.2) {
                    best = Some((id, g.0, g.1));
                }
            }
        }
        let group_chars = best.as_ref().map_or(0, |b| b.2);
        if let Some((runs, total)) = best_runs {
            if total >= group_chars {
                return runs;
            }
        }
        let Some((parent, sig, _)) = best else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for c in dom.children(parent) {
            let Some(ce) = dom.element(c) else { continue };
            if self.outside_records(c, ce) || self.chars(c) < MIN_ITEM_CHARS || signature(ce) != sig
            {
                continue;
            }
            out.push(Record {
                nodes: vec![c],
                whole: false,
                named: false,
            });
            // Replies: the same classed structure inside a comment.
            if !sig.1.is_empty() {
                let mut stack: Vec<NodeId> = dom.children(c).collect();
                stack.reverse();
                while let Some(n) = stack.pop() {
                    let Some(ne) = dom.element(n) else { continue };
                    if self.outside_records(n, ne) {
                        continue;
                    }
                    if signature(ne) == sig {
                        out.push(Record {
                            nodes: vec![n],
                            whole: false,
                            named: false,
                        });
                    }
                    let mut k = dom.node(n).last_child;
                    while k != NONE {
                        stack.push(k);
                        k = dom.node(k).prev;
                    }
                }
            }
        }
        out
    }

    /// The runs of `parent`'s children that start at an author line.
    fn author_runs(&mut self, parent: NodeId) -> Vec<Record> {
        let dom = self.dom;
        let mut out: Vec<Record> = Vec::new();
        for c in dom.children(parent) {
            let Some(ce) = dom.element(c) else { continue };
            if self.outside_records(c, ce) {
                continue;
            }
            let starts = self.name_bits(ce) & name::AUTHOR != 0 && self.chars(c) <= PART_MAX_CHARS;
            match out.last_mut() {
                Some(r) if !starts => r.nodes.push(c),
                _ if starts => out.push(Record {
                    nodes: vec![c],
                    whole: false,
                    named: false,
                }),
                _ => {}
            }
        }
        out
    }

    /// Step 3: author, date and text of one record.
    fn read(&mut self, record: &Record) -> Option<Comment> {
        self.read_with(record, true).or_else(|| {
            // Rule `text-in-the-meta-box`: some themes put the whole comment
            // inside its meta box; when skipping such boxes leaves nothing,
            // read them.
            self.read_with(record, false)
        })
    }

    fn read_with(&mut self, record: &Record, skip_noise: bool) -> Option<Comment> {
        let dom = self.dom;
        let mut parts = Parts::default();
        let mut text = String::new();
        let first = record.nodes.first().copied().unwrap_or(NONE);
        // Walk the record: enter a node (inside an author/date/noise part or
        // not), or leave a block element.
        enum Step {
            /// A node, whether it is inside a part, whether inside a link.
            Enter(NodeId, bool, bool),
            Leave,
        }
        let mut steps: Vec<Step> = record
            .nodes
            .iter()
            .rev()
            .map(|&n| Step::Enter(n, false, false))
            .collect();
        // Characters of the comment's text, of them inside links, and the
        // links.
        let (mut chars, mut link_chars, mut links) = (0u32, 0u32, 0usize);
        while let Some(step) = steps.pop() {
            let (id, in_part, in_link) = match step {
                Step::Leave => {
                    text.push_str("\n\n");
                    continue;
                }
                Step::Enter(id, p, l) => (id, p, l),
            };
            match &dom.node(id).data {
                NodeData::Text(t) => {
                    if !in_part {
                        push_words(&mut text, t);
                        let c = self.chars(id);
                        chars += c;
                        if in_link {
                            link_chars += c;
                        }
                    }
                }
                NodeData::Element(el) => {
                    let tag: &str = &el.name.local;
                    if self.skipped(id) {
                        // Microdata `<meta itemprop=dateCreated content=…>`.
                        if tag == "meta" {
                            self.part_of(id, el, 0, skip_noise, &mut parts);
                        }
                        continue;
                    }
                    if tag == "br" {
                        text.push('\n');
                        continue;
                    }
                    let is_top = record.nodes.contains(&id);
                    if record.whole && !is_top && self.section_chrome(id, tag) {
                        continue;
                    }
                    // A reply inside this comment is a record of its own.
                    if !is_top
                        && dom.tag(first) == tag
                        && self.section_bits(id, el) & name::ITEM != 0
                    {
                        continue;
                    }
                    let bits = self.name_bits(el);
                    if self.is_form(id, el, bits) {
                        continue;
                    }
                    let small = self.chars(id) <= PART_MAX_CHARS;
                    let mut part = in_part;
                    // Inside a part, only the author and the date are looked for.
                    let bits = if in_part { bits & !name::NOISE } else { bits };
                    if !is_top && small {
                        if let Some(p) = self.part_of(id, el, bits, skip_noise, &mut parts) {
                            part |= p;
                        }
                    }
                    let block = self.an.flags[id as usize] & flag::BLOCK != 0;
                    if block {
                        text.push_str("\n\n");
                        steps.push(Step::Leave);
                    }
                    let starts_link = !in_link && tag == "a" && el.attr("href").is_some();
                    if starts_link && !part {
                        links += 1;
                    }
                    let link = in_link || starts_link;
                    let mut c = dom.node(id).last_child;
                    while c != NONE {
                        steps.push(Step::Enter(c, part, link));
                        c = dom.node(c).prev;
                    }
                }
                _ => {}
            }
        }
        // Rule `link-lists-are-no-comments`: a "most discussed" list or a
        // row of related headlines under a comment name is mostly links.
        if links >= MIN_LIST_LINKS && link_chars as f32 > chars as f32 * RECORD_MAX_LINK_DENSITY {
            return None;
        }
        let mut text = clean_text(&text);
        if !record.named {
            text = drop_policy(&text);
        }
        if record.whole && text.split_whitespace().count() < WHOLE_SECTION_MIN_WORDS {
            return None;
        }
        if text.is_empty() {
            return None;
        }
        // Rule `pingbacks`: another blog's link notice is no reader comment.
        if PINGBACK_STARTS.iter().any(|p| {
            text.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        }) {
            return None;
        }
        let author = parts.author.or(parts.by_line_author);
        let date = parts.date.or(parts.loose_date);
        Some(Comment { author, date, text })
    }

    /// In a section read whole: its title and its link lists ("Comments &
    /// replies" over related headlines) are no comment.
    fn section_chrome(&self, id: NodeId, tag: &str) -> bool {
        matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            || (self.an.flags[id as usize] & flag::BLOCK != 0
                && self.an.link_density(id) > WHOLE_SECTION_MAX_LINK_DENSITY)
    }

    /// Is this element the author, the date or another non-text part of a
    /// comment? Records what it says in `parts`; returns whether its text is
    /// left out of the comment's text.
    fn part_of(
        &mut self,
        id: NodeId,
        el: &Element,
        bits: u16,
        skip_noise: bool,
        parts: &mut Parts,
    ) -> Option<bool> {
        let tag: &str = &el.name.local;
        // Most elements of a comment are none of these: say so cheaply.
        if bits & (name::DATE | name::AUTHOR | name::NOISE) == 0
            && !matches!(tag, "time" | "cite" | "a" | "meta")
            && !el
                .attrs
                .iter()
                .any(|a| a.name.local == local_name!("itemprop"))
        {
            return None;
        }
        let itemprop = el.attr("itemprop").unwrap_or("");
        // Dates: `<time datetime>`, date itemprops, date-named elements.
        let date_prop = [
            "dateCreated",
            "datePublished",
            "commentTime",
            "dateModified",
        ]
        .iter()
        .any(|p| itemprop.eq_ignore_ascii_case(p));
        if tag == "time" || date_prop || bits & name::DATE != 0 {
            if parts.date.is_none() {
                let attr = el
                    .attr("datetime")
                    .or_else(|| el.attr("content"))
                    .or_else(|| el.attr("title"))
                    .and_then(normalise_date);
                parts.date = attr.or_else(|| normalise_date(&self.text(id)));
            }
            return Some(true);
        }
        let author_prop = ["author", "creator"]
            .iter()
            .any(|p| itemprop.eq_ignore_ascii_case(p));
        // Old WordPress themes: `<cite>Name</cite> Says:`.
        let cite = tag == "cite" && parts.author.is_none();
        if author_prop || cite || bits & name::AUTHOR != 0 {
            if parts.author.is_none() {
                let text = self.text(id);
                parts.author = clean_author(&text);
                if parts.date.is_none() {
                    parts.loose_date = parts.loose_date.take().or_else(|| normalise_date(&text));
                }
            }
            return Some(true);
        }
        if tag == "a"
            && el
                .attr("href")
                .is_some_and(|h| PROFILE_LINK_PARTS.iter().any(|p| h.contains(p)))
        {
            if parts.author.is_none() {
                parts.author = clean_author(&self.text(id));
                return Some(parts.author.is_some());
            }
            return None;
        }
        if bits & name::NOISE != 0 && skip_noise {
            let want_date = parts.date.is_none() && parts.loose_date.is_none();
            let want_author = parts.author.is_none() && parts.by_line_author.is_none();
            if want_date || want_author {
                let text = self.text(id);
                if want_date {
                    parts.loose_date = normalise_date(&text);
                }
                if want_author {
                    parts.by_line_author = by_line_author(&text);
                }
            }
            // The author and date elements inside are still read.
            return Some(true);
        }
        None
    }

    fn text(&self, id: NodeId) -> String {
        let mut s = String::new();
        self.dom.text_of(id, &mut s);
        squash(&s)
    }
}

/// What the parts of one comment say about it.
#[derive(Default)]
struct Parts {
    author: Option<String>,
    /// "by NAME on …" in a meta line.
    by_line_author: Option<String>,
    date: Option<String>,
    /// A date read from a meta line.
    loose_date: Option<String>,
}

/// [`SECTION_STEMS`] and [`SECTION_TOKENS`] in one list, for [`has_stem`].
const SECTION_NAMES: [&str; SECTION_STEMS.len() + SECTION_TOKENS.len()] = {
    let mut out = [""; SECTION_STEMS.len() + SECTION_TOKENS.len()];
    let mut k = 0;
    while k < out.len() {
        out[k] = if k < SECTION_STEMS.len() {
            SECTION_STEMS[k]
        } else {
            SECTION_TOKENS[k - SECTION_STEMS.len()]
        };
        k += 1;
    }
    out
};

/// The stems of [`SECTION_NAMES`], found by a skip-scan ([`StemSet`]).
const SECTION_NAME_SET: StemSet = StemSet::new(&SECTION_NAMES);

/// Does `value` contain one of the [`SECTION_STEMS`] or [`SECTION_TOKENS`]
/// (any case)? One pass over the bytes without allocating, skipping most
/// of them: this runs on every class and id of the page.
fn has_stem(value: &str) -> bool {
    SECTION_NAME_SET.contains_ci(value)
}

/// The name bits of a class and an id value, as the tokens say them:
/// `STEM` for any comment-named value; the caller decides what a stem
/// makes of an element where it stands (see [`Reader::section_bits`]).
fn value_bits(value: &str, is_class: bool) -> u16 {
    let mut bits = 0u16;
    let visit = |bits: &mut u16, t: &str| {
        if let Some(stem) = SECTION_STEMS.iter().find(|s| t.starts_with(*s)) {
            *bits |= name::STEM;
            // Fused names of a comment's parts: `commentmetadata`,
            // `commentauthor`, `commentdate` (plural stems too).
            let rest = &t[stem.len()..];
            for r in [rest, rest.strip_prefix('s').unwrap_or(rest)] {
                *bits |= token_bits(r) & (name::AUTHOR | name::DATE | name::NOISE);
            }
        }
        // The bits of each list the token is in (SECTION_TOKENS: STEM).
        *bits |= token_bits(t);
    };
    // Each class name (and the id) on its own, so that a part's name
    // (`comment-author`) is told from a comment section's that merely
    // stands beside another name (`commentbody by-jeff`).
    let names: Box<dyn Iterator<Item = &str>> = if is_class {
        Box::new(value.split_ascii_whitespace())
    } else {
        Box::new(std::iter::once(value))
    };
    for v in names {
        let mut local = 0u16;
        for_each_token(v, |t| visit(&mut local, t));
        if local & name::STEM != 0 && local & (name::AUTHOR | name::DATE | name::NOISE) != 0 {
            local |= name::STEM_PART;
        }
        bits |= local;
    }
    // One comment: a class name of one comment.
    if is_class && value.split_ascii_whitespace().any(is_item_class_name) {
        bits |= name::ITEM;
    }
    bits
}

/// Is a class name, its alphanumerics joined and lowercased, one of the
/// [`ITEM_CLASS_NAMES`]? An ASCII name is joined on the stack.
fn is_item_class_name(c: &str) -> bool {
    if c.is_ascii() {
        let mut buf = [0u8; ITEM_CLASS_NAME_MAX_BYTES];
        let mut n = 0;
        for &b in c.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if n == buf.len() {
                    return false; // longer than every listed name
                }
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
        }
        return ITEM_CLASS_NAMES.iter().any(|x| x.as_bytes() == &buf[..n]);
    }
    let joined: String = c
        .chars()
        .filter(|ch| ch.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    ITEM_CLASS_NAMES.contains(&joined.as_str())
}

/// Longest of the [`ITEM_CLASS_NAMES`], in bytes.
const ITEM_CLASS_NAME_MAX_BYTES: usize = crate::patterns::longest(ITEM_CLASS_NAMES);

/// The token lists of [`value_bits`] and the bit each gives.
const NAME_TOKEN_LISTS: [(&[&str], u32); 8] = [
    (SECTION_TOKENS, name::STEM as u32),
    (NOT_SECTION_TOKENS, name::NOT_SECTION as u32),
    (POINTER_TOKENS, name::POINTER as u32),
    (AUTHOR_TOKENS, name::AUTHOR as u32),
    (DATE_TOKENS, name::DATE as u32),
    (NOISE_TOKENS, name::NOISE as u32),
    (FORM_TOKENS, name::FORM as u32),
    (TEXT_TOKENS, name::TEXT as u32),
];

/// Every token of [`NAME_TOKEN_LISTS`] with the bits of all lists it is
/// in: a token is looked up once, not in each list.
static TOKEN_TABLE: WordBits<512> = WordBits::new(&NAME_TOKEN_LISTS);

/// The bits of every list of [`NAME_TOKEN_LISTS`] that holds `t` exactly.
fn token_bits(t: &str) -> u16 {
    // Every list's bit is a `name::` bit, so the table's bits fit a u16.
    TOKEN_TABLE.get(t) as u16
}

/// One comment by its numbered id (`comment-340`, `li-comment-12`).
fn is_item_id(id: &str) -> bool {
    let mut parts = id
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or("");
    let (second, third, fourth) = (parts.next(), parts.next(), parts.next());
    let numbered = |p: Option<&str>| p.is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let comment = |p: &str| p.eq_ignore_ascii_case("comment");
    fourth.is_none()
        && match (second, third) {
            // comment-340, comment_body_340
            (Some(_), None) => comment(first) && numbered(second),
            (Some(s), Some(_)) => {
                numbered(third)
                    && (comment(first)
                        || (ITEM_ID_PREFIXES
                            .iter()
                            .any(|x| first.eq_ignore_ascii_case(x))
                            && comment(s)))
            }
            _ => false,
        }
}

/// The name bits of an element from the raw bits of its class and id:
/// a text holder and a comment are never parts.
fn finish_bits(raw: u16) -> u16 {
    let mut bits = raw;
    if bits & name::TEXT != 0 {
        bits &= !(name::AUTHOR | name::DATE | name::NOISE | name::STEM_PART);
    }
    if bits & name::ITEM != 0 {
        if bits & name::NOT_SECTION != 0 {
            bits &= !name::ITEM;
        } else {
            // A comment is never a part of one.
            bits &= !(name::AUTHOR | name::DATE | name::NOISE | name::POINTER | name::STEM_PART);
        }
    }
    bits
}

/// The signature of a repeated structure: tag and first class name (digits
/// dropped: `post-12` and `post-13` are alike).
fn signature(el: &Element) -> (&str, String) {
    let class = el
        .attr("class")
        .and_then(|c| c.split_ascii_whitespace().next())
        .unwrap_or("");
    (
        &el.name.local,
        class.chars().filter(|c| !c.is_ascii_digit()).collect(),
    )
}

/// Find `commentCount` (or a `CommentAction` interaction count) in JSON-LD.
fn json_comment_count(v: &serde_json::Value) -> Option<u32> {
    let mut stack = vec![v];
    let mut budget = 2000;
    while let Some(v) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            return None;
        }
        match v {
            serde_json::Value::Array(a) => stack.extend(a.iter()),
            serde_json::Value::Object(o) => {
                if let Some(n) = o.get("commentCount").and_then(json_number) {
                    return Some(n);
                }
                let is_comment_action = o
                    .get("interactionType")
                    .map(|t| match t {
                        serde_json::Value::String(s) => s.ends_with("CommentAction"),
                        serde_json::Value::Object(t) => t
                            .get("@type")
                            .and_then(|x| x.as_str())
                            .is_some_and(|s| s.ends_with("CommentAction")),
                        _ => false,
                    })
                    .unwrap_or(false);
                if is_comment_action {
                    if let Some(n) = o.get("userInteractionCount").and_then(json_number) {
                        return Some(n);
                    }
                }
                stack.extend(o.values());
            }
            _ => {}
        }
    }
    None
}

fn json_number(v: &serde_json::Value) -> Option<u32> {
    let n = match v {
        serde_json::Value::Number(n) => n.as_u64()?,
        serde_json::Value::String(s) => s.trim().parse::<u64>().ok()?,
        _ => return None,
    };
    (n < COUNT_MAX as u64).then_some(n as u32)
}

/// The count a short text states: a number next to a count word ("15
/// comments", "Kommentare (3)", "47 reader comments").
fn count_phrase(s: &str) -> Option<u32> {
    // The number is written in ASCII digits: a text without one (most
    // headings and links) states no count, and is not split into
    // lowercased words.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let words: Vec<String> = s
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let number = |w: &str| -> Option<u32> {
        let digits: String = w.chars().filter(|c| *c != '.' && *c != ',').collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse::<u32>().ok().filter(|&n| n < COUNT_MAX)
    };
    for (i, w) in words.iter().enumerate().take(COUNT_FIRST_WORDS) {
        let Some(n) = number(w) else { continue };
        // "15 comments", "47 reader comments"
        let after = words
            .iter()
            .skip(i + 1)
            .take(2)
            .any(|x| COUNT_WORDS.contains(&x.as_str()));
        // "Comments (3)", "Kommentare: 3"
        let before = i > 0 && COUNT_WORDS.contains(&words[i - 1].as_str());
        if after || before {
            return Some(n);
        }
    }
    None
}

/// Append the words of a text node, collapsing white space.
fn push_words(out: &mut String, t: &str) {
    if t.starts_with(char::is_whitespace) && !out.ends_with(char::is_whitespace) && !out.is_empty()
    {
        out.push(' ');
    }
    let mut first = true;
    for w in t.split_whitespace() {
        if !first {
            out.push(' ');
        }
        out.push_str(w);
        first = false;
    }
    if !first && t.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Rule `comment-policy`: drop the paragraphs that state house rules.
fn drop_policy(text: &str) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        let lower = para.to_lowercase();
        if POLICY_MARKERS.iter().any(|m| lower.contains(m)) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(para);
    }
    out
}

/// Paragraphs of a gathered text: lines trimmed, noise lines dropped,
/// paragraphs joined by a blank line.
fn clean_text(raw: &str) -> String {
    let mut out = String::new();
    for para in raw.split("\n\n") {
        let mut p = String::new();
        for line in para.split('\n') {
            let line = line.trim();
            if line.is_empty() || is_noise_line(line) {
                continue;
            }
            if !p.is_empty() {
                p.push('\n');
            }
            p.push_str(line);
        }
        if !p.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&p);
        }
    }
    out
}

/// Rule `comment-buttons`: a line that is only a button or a counter of
/// the comment machinery ("Reply", "Antworten", "Report", "12 Likes",
/// "Responses (0)", "+3", "#").
fn is_noise_line(line: &str) -> bool {
    let core = line.trim_matches(|c: char| !c.is_alphanumeric());
    if is_long_text_line(core) {
        return false;
    }
    let core = core.to_lowercase();
    if core.is_empty() {
        return true;
    }
    if NOISE_LINES.contains(&core.as_str()) {
        return true;
    }
    if is_section_label(&core) {
        return true;
    }
    let words: Vec<&str> = core
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    // A row of buttons ("Antworten Melden 12", "Reply Report").
    if words.len() <= BUTTON_ROW_MAX_WORDS
        && words.iter().all(|w| {
            NOISE_LINES.contains(w)
                || COUNTER_WORDS.contains(w)
                || w.bytes().all(|b| b.is_ascii_digit())
        })
    {
        return true;
    }
    let numbers = words
        .iter()
        .filter(|w| w.bytes().all(|b| b.is_ascii_digit()))
        .count();
    if numbers == words.len() {
        // Only numbers: a like counter, a score.
        return core.len() <= 12;
    }
    words.len() <= 3
        && numbers >= 1
        && words
            .iter()
            .all(|w| w.bytes().all(|b| b.is_ascii_digit()) || COUNTER_WORDS.contains(w))
}

/// Whether a trimmed line is too long for every test of [`is_noise_line`],
/// found without lowercasing or splitting it: more characters than any of
/// [`NOISE_LINES`] has bytes, more than [`SECTION_LABEL_START_MAX_WORDS`]
/// words with a letter as [`is_section_label`] splits them, and more than
/// [`BUTTON_ROW_MAX_WORDS`] as `is_noise_line` splits them (so not all
/// numbers, nor a short counter). The lines of a comment's text come here.
///
/// Counted before lowercasing, which only adds characters and never joins
/// words (a letter lowercases to a letter, maybe with a mark after it: `İ`),
/// so the lowercased line has at least these counts.
fn is_long_text_line(core: &str) -> bool {
    // Words: runs of letters, digits and `'`; label words: the same with `&`.
    let (mut chars, mut words, mut label_words) = (0usize, 0usize, 0usize);
    let (mut word_letter, mut label_letter) = (false, false);
    for c in core.chars().chain([' ']) {
        chars += 1;
        let in_word = c.is_alphanumeric() || c == '\'';
        if in_word {
            word_letter |= c.is_alphabetic();
        } else {
            words += usize::from(word_letter);
            word_letter = false;
        }
        if in_word || c == '&' {
            label_letter |= c.is_alphabetic();
        } else {
            label_words += usize::from(label_letter);
            label_letter = false;
        }
        if words > BUTTON_ROW_MAX_WORDS
            && label_words > SECTION_LABEL_START_MAX_WORDS
            && chars > NOISE_LINE_MAX_BYTES
        {
            return true;
        }
    }
    false
}

/// The longest of [`NOISE_LINES`], in bytes.
const NOISE_LINE_MAX_BYTES: usize = crate::patterns::longest(NOISE_LINES);

/// A commenter's name from the text of an author element: without "by",
/// "said…", a date or a user number.
fn clean_author(text: &str) -> Option<String> {
    let mut s = squash(text);
    for said in SAID_WORDS {
        if let Some(i) = find_word_ci(&s, said) {
            if i > 0 {
                s.truncate(i);
            }
        }
    }
    let s = strip_by(s.trim());
    let mut name = String::new();
    for w in s.split_whitespace() {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if NAME_END_WORDS.contains(&w.to_lowercase().as_str())
            || w.starts_with('(')
            || (!core.is_empty() && core.bytes().all(|b| b.is_ascii_digit()))
        {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(w);
    }
    let mut name = name
        .trim_end_matches(['…', ':', ',', '|', '-', '–', '—', ' '])
        .trim_start_matches([':', ',', '|', '-', '–', '—', ' '])
        .to_string();
    // A full stop or an ellipsis goes; an initial keeps its dot ("Hans M.").
    while name.ends_with('.') {
        let last = name.rsplit(' ').next().unwrap_or("");
        if last.chars().count() == 2 && !name.ends_with("..") {
            break;
        }
        name.pop();
    }
    (!name.is_empty()
        && name.chars().count() <= AUTHOR_MAX_CHARS
        && name.chars().any(char::is_alphabetic))
    .then_some(name)
}

/// "by james on January 31, 2011" → "james".
fn by_line_author(text: &str) -> Option<String> {
    let s = squash(text);
    let first = s.split_whitespace().next()?.to_lowercase();
    if !BY_WORDS.contains(&first.as_str()) {
        return None;
    }
    clean_author(&s)
}

/// Drop a leading "by"/"von"/"par" word.
fn strip_by(s: &str) -> &str {
    let Some(first) = s.split_whitespace().next() else {
        return s;
    };
    let lower = first.trim_end_matches(':').to_lowercase();
    if BY_WORDS.contains(&lower.as_str()) && s.len() > first.len() {
        s[first.len()..].trim_start()
    } else {
        s
    }
}

/// Byte offset of `word` in `s` as a whole word, any case.
fn find_word_ci(s: &str, word: &str) -> Option<usize> {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return None;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find(word) {
        let at = from + i;
        let end = at + word.len();
        let before_ok = at == 0 || !lower[..at].ends_with(char::is_alphanumeric);
        let after_ok = end >= lower.len() || !lower[end..].starts_with(char::is_alphanumeric);
        if before_ok && after_ok {
            return Some(at);
        }
        from = end;
    }
    None
}

fn squash(s: &str) -> String {
    crate::meta::squash(s)
}

// ---------------------------------------------------------------------------
// Dates

/// Month names and abbreviations in the languages of the benchmark pages
/// (English, German, French, Spanish, Italian, Dutch, Portuguese), lowercase.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("févr", 2),
    ("fév", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("mrt", 3),
    ("março", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mag", 5),
    ("mei", 5),
    ("maio", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("giu", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lug", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("set", 9),
    ("setembro", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("outubro", 10),
    ("out", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

/// Years a comment date can have.
const MIN_YEAR: u32 = 1990;
const MAX_YEAR: u32 = 2100;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
    Sep(char),
}

fn lex(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut v: u32 = 0;
            let mut len = 0;
            while let Some(&d) = chars.peek() {
                let Some(x) = d.to_digit(10).filter(|_| d.is_ascii_digit()) else {
                    break;
                };
                v = v.saturating_mul(10).saturating_add(x);
                len += 1;
                chars.next();
            }
            out.push(Tok::Num(v, len));
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&d) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                w.extend(d.to_lowercase());
                chars.next();
            }
            out.push(Tok::Word(w));
        } else {
            chars.next();
            if c.is_whitespace() {
                if out.last() != Some(&Tok::Sep(' ')) {
                    out.push(Tok::Sep(' '));
                }
            } else {
                out.push(Tok::Sep(c));
            }
        }
    }
    out
}

/// A comment date as ISO 8601 (`2011-01-31` or `2011-01-31T09:59:00`), when
/// the text holds a full date that parses unambiguously: ISO forms,
/// `31.01.2011`, `January 31, 2011 at 9:59 am`, `31. Januar 2011 um 10:12`,
/// `1 November 2012 11:08PM`. Relative dates ("vor 2 Stunden") and
/// ambiguous ones (`03/04/2011`) give `None`.
pub(crate) fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    let t = lex(s);
    let (y, m, d) = find_ymd(&t)?;
    if !(1..=12).contains(&m) || d == 0 || d > days_in(y, m) {
        return None;
    }
    match find_time(&t) {
        Some((h, mi, sec)) => Some(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{sec:02}")),
        None => Some(format!("{y:04}-{m:02}-{d:02}")),
    }
}

fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn year_ok(y: u32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
}

fn find_ymd(t: &[Tok]) -> Option<(u32, u32, u32)> {
    // Numeric: 2011-01-31, 2011/01/31, 31.01.2011, 31-01-2011, 12/28/2007.
    for i in 0..t.len().saturating_sub(4) {
        let (Tok::Num(a, al), Tok::Sep(s1), Tok::Num(b, _), Tok::Sep(s2), Tok::Num(c, cl)) =
            (&t[i], &t[i + 1], &t[i + 2], &t[i + 3], &t[i + 4])
        else {
            continue;
        };
        if s1 != s2 || !matches!(s1, '-' | '/' | '.') {
            continue;
        }
        if *al == 4 && year_ok(*a) {
            return Some((*a, *b, *c));
        }
        if *cl == 4 && year_ok(*c) {
            return match s1 {
                '/' if *a > 12 => Some((*c, *b, *a)),
                '/' if *b > 12 => Some((*c, *a, *b)),
                '/' if a == b => Some((*c, *a, *b)),
                '/' => None,
                _ => Some((*c, *b, *a)),
            };
        }
    }
    // A month name with a day next to it and a year.
    let year = t.iter().find_map(|x| match x {
        Tok::Num(v, 4) if year_ok(*v) => Some(*v),
        _ => None,
    })?;
    for (i, x) in t.iter().enumerate() {
        let Tok::Word(w) = x else { continue };
        let Some(&(_, m)) = MONTHS.iter().find(|(n, _)| n == w) else {
            continue;
        };
        // "31 January", "31. Januar": the number before (skipping a dot).
        let mut j = i;
        let mut steps = 0;
        while j > 0 && steps < 3 {
            j -= 1;
            steps += 1;
            match &t[j] {
                Tok::Sep(_) => continue,
                Tok::Num(d, len) if *len <= 2 && (1..=31).contains(d) => {
                    return Some((year, m, *d))
                }
                _ => break,
            }
        }
        // "January 31, 2011", "Jan 09 2008", "janv. 3"
        for x in t.iter().skip(i + 1).take(4) {
            match x {
                Tok::Sep(_) => continue,
                Tok::Num(d, len) if *len <= 2 && (1..=31).contains(d) => {
                    return Some((year, m, *d))
                }
                _ => break,
            }
        }
    }
    None
}

/// A clock time `H:MM[:SS]` with an optional am/pm after it.
fn find_time(t: &[Tok]) -> Option<(u32, u32, u32)> {
    for i in 0..t.len().saturating_sub(2) {
        let (Tok::Num(h, hl), Tok::Sep(':'), Tok::Num(mi, 2)) = (&t[i], &t[i + 1], &t[i + 2])
        else {
            continue;
        };
        if *hl > 2 || *h > 23 || *mi > 59 {
            continue;
        }
        let mut k = i + 3;
        let mut sec = 0;
        if let (Some(Tok::Sep(':')), Some(Tok::Num(s, 2))) = (t.get(k), t.get(k + 1)) {
            if *s <= 59 {
                sec = *s;
                k += 2;
            }
        }
        if t.get(k) == Some(&Tok::Sep(' ')) {
            k += 1;
        }
        let mut h = *h;
        let ampm = match t.get(k) {
            Some(Tok::Word(w)) if w == "am" || w == "pm" => Some(w.as_str()),
            Some(Tok::Word(w))
                if (w == "a" || w == "p") && t.get(k + 1) == Some(&Tok::Sep('.')) =>
            {
                match t.get(k + 2) {
                    Some(Tok::Word(m)) if m == "m" => Some(if w == "a" { "am" } else { "pm" }),
                    _ => None,
                }
            }
            _ => None,
        };
        match ampm {
            Some("am") if h == 12 => h = 0,
            Some("pm") if h < 12 => h += 12,
            Some(_) if h > 12 => continue,
            _ => {}
        }
        return Some((h, *mi, sec));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compile-time table gives each token the bits of exactly the
    /// lists it is in.
    #[test]
    fn token_table_holds_the_lists() {
        for (list, _) in NAME_TOKEN_LISTS {
            for t in list {
                let want = NAME_TOKEN_LISTS
                    .iter()
                    .filter(|(l, _)| l.contains(t))
                    .fold(0, |b, (_, bit)| b | bit);
                assert_eq!(u32::from(token_bits(t)), want, "{t}");
            }
        }
        for t in ["", "comment", "foo", "authors", "datum2", "replie"] {
            assert_eq!(token_bits(t), 0, "{t}");
        }
        assert!(is_item_class_name("Comment-Item"));
        assert!(is_item_class_name("kommentar"));
        assert!(!is_item_class_name("comment-item-list-of-all"));
        assert!(!is_item_class_name("comment-list"));
    }

    #[test]
    fn dates_in_common_forms() {
        for (s, want) in [
            ("2011-01-31T09:59:00+00:00", Some("2011-01-31T09:59:00")),
            ("2012-10-05", Some("2012-10-05")),
            ("January 31, 2011 at 9:59 am.", Some("2011-01-31T09:59:00")),
            ("1 November 2012 11:08PM", Some("2012-11-01T23:08:00")),
            ("31. Januar 2011 um 10:12 Uhr", Some("2011-01-31T10:12:00")),
            ("31.01.2011, 10:12", Some("2011-01-31T10:12:00")),
            ("Jan 09 2008 07:52 PM PST", Some("2008-01-09T19:52:00")),
            ("12/28/2007", Some("2007-12-28")),
            ("03/04/2011", None),
            ("vor 2 Stunden", None),
            ("3 days ago", None),
            ("12 mars 2019 à 8 h", Some("2019-03-12")),
            ("February 30, 2011", None),
        ] {
            assert_eq!(normalise_date(s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn counts_in_short_texts() {
        assert_eq!(count_phrase("15 comments"), Some(15));
        assert_eq!(count_phrase("Kommentare (3)"), Some(3));
        assert_eq!(count_phrase("47 reader comments"), Some(47));
        assert_eq!(count_phrase("1.234 Kommentare"), Some(1234));
        assert_eq!(count_phrase("Comments"), None);
        assert_eq!(count_phrase("3 Likes"), None);
        assert_eq!(count_phrase("3 Antworten auf „Die Brücke“"), Some(3));
        assert_eq!(count_phrase("I read them all and liked 3 comments"), None);
    }

    #[test]
    fn authors_lose_their_affixes() {
        assert_eq!(clean_author("tRiSh said...").as_deref(), Some("tRiSh"));
        assert_eq!(
            clean_author("by garaged (579941)").as_deref(),
            Some("garaged")
        );
        assert_eq!(clean_author("Anna sagt:").as_deref(), Some("Anna"));
        assert_eq!(
            by_line_author("by james on January 31, 2011 at 9:59 am.").as_deref(),
            Some("james")
        );
        assert_eq!(clean_author("12:40"), None);
    }

    #[test]
    fn noise_lines() {
        for l in [
            "Reply",
            "Antworten",
            "12 Likes",
            "Responses (0)",
            "+3",
            "#",
            "Reply ↓",
        ] {
            assert!(is_noise_line(l), "{l}");
        }
        for l in ["I agree with this.", "3 cheers for the mayor"] {
            assert!(!is_noise_line(l), "{l}");
        }
        // A long line of numbers only is still a counter row; a comment's
        // long sentence is text, with or without the shortcut.
        let numbers: Vec<String> = (1..40).map(|n| n.to_string()).collect();
        assert!(is_noise_line(&numbers.join(" ")));
        let long = "I don't think the council read the report before it voted, \
                    and nobody in the room asked them about it either & so on.";
        assert!(super::is_long_text_line(long.trim_end_matches('.')));
        assert!(!is_noise_line(long));
        assert!(!super::is_long_text_line("Reply to this comment"));
        let german = "Ich glaube nicht, dass der Gemeinderat den Bericht gelesen hat, \
                      bevor er abstimmte, und niemand im Saal hat sie danach gefragt, \
                      Überraschung";
        assert!(super::is_long_text_line(german));
        assert!(!is_noise_line(german));
    }
}
