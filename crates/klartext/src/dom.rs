//! The arena tree that html5ever builds into, and the one parse of a page.
//!
//! Nodes live in one `Vec` and refer to each other by `u32` index, so a page's
//! tree is a handful of allocations, cheap to walk and free of reference
//! counting. After parsing, the text rules (`Dom::repair_text`) rewrite
//! text nodes in place once; everything after them (pruning, segmentation,
//! metadata) walks this tree read-only.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{parse_document, Attribute, LocalName, ParseOpts, QualName};

use crate::{mojibake, nfc};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// Marks "no node" in the link fields.
pub const NONE: NodeId = u32::MAX;

/// The document node is always the first one.
pub const DOCUMENT: NodeId = 0;

/// What a node is.
#[derive(Debug)]
pub enum NodeData {
    Document,
    Doctype,
    Element(Element),
    Text(StrTendril),
    Comment,
    ProcessingInstruction,
}

/// An element with its name and attributes.
#[derive(Debug)]
pub struct Element {
    pub name: QualName,
    pub attrs: Vec<Attribute>,
    /// For `<template>`: the fragment node holding its contents.
    pub template_contents: NodeId,
}

impl Element {
    /// The value of attribute `name` (no namespace), if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.as_ref())
    }

    /// [`Element::attr`] for a name known as an atom (`local_name!("class")`):
    /// compares the packed atoms, not their strings, so the hot lookups of
    /// fixed names cost a word comparison per attribute.
    #[inline]
    pub fn attr_named(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name.local == *name)
            .map(|a| a.value.as_ref())
    }
}

/// The attributes whose values the engine reads as text (metadata in
/// `<meta content>`, image `alt` text, `title` and `aria-label` captions);
/// the text rules (`text-in-nfc`, `double-encoded-utf8`) visit these and
/// leave identifiers (`class`, `id`, `href`, `itemprop`…) alone, which is
/// most of a page's attributes.
fn is_text_attribute(name: &LocalName) -> bool {
    use html5ever::local_name as n;
    matches!(
        *name,
        n!("content") | n!("alt") | n!("title") | n!("aria-label")
    )
}

/// Whether an element of this name starts a new line of text: the block
/// elements of [`crate::patterns::BLOCK_TAGS`] and `<br>`.
fn breaks_line(name: &LocalName) -> bool {
    use html5ever::local_name as n;
    matches!(
        *name,
        n!("address")
            | n!("article")
            | n!("aside")
            | n!("blockquote")
            | n!("body")
            | n!("center")
            | n!("dd")
            | n!("details")
            | n!("dir")
            | n!("div")
            | n!("dl")
            | n!("dt")
            | n!("fieldset")
            | n!("figcaption")
            | n!("figure")
            | n!("footer")
            | n!("form")
            | n!("h1")
            | n!("h2")
            | n!("h3")
            | n!("h4")
            | n!("h5")
            | n!("h6")
            | n!("header")
            | n!("hgroup")
            | n!("hr")
            | n!("html")
            | n!("li")
            | n!("main")
            | n!("menu")
            | n!("nav")
            | n!("ol")
            | n!("p")
            | n!("pre")
            | n!("section")
            | n!("summary")
            | n!("table")
            | n!("tbody")
            | n!("td")
            | n!("tfoot")
            | n!("th")
            | n!("thead")
            | n!("tr")
            | n!("ul")
            | n!("caption")
            | n!("legend")
            | n!("listing")
            | n!("plaintext")
            | n!("xmp")
            | n!("noframes")
            | n!("br")
    )
}

/// One node and its links to neighbours.
#[derive(Debug)]
pub struct Node {
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub prev: NodeId,
    pub next: NodeId,
    pub data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        }
    }
}

/// A page is fed to the parser in pieces of this many bytes, so that
/// parsing can stop soon after the element limit is passed.
const PARSE_CHUNK: usize = 4096;
/// Attributes the tree builder may create per element of `max_nodes`, on
/// average, before new elements get none.
const ATTRIBUTES_PER_NODE: usize = 4;
/// The tree may grow this many levels deeper than the markup's nesting
/// limit (the `<html>` and `<body>` levels, implied `<tbody>`s) before it
/// is flattened.
const DEPTH_MARGIN: usize = 16;

/// A parsed page.
#[derive(Debug)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Whether the parser's attribute budget ran out.
    attributes_dropped: bool,
}

impl Dom {
    /// Parse a whole document with html5ever's spec-compliant tree builder,
    /// within the default [`Limits`](crate::Limits).
    pub fn parse(html: &str) -> Dom {
        let l = crate::Limits::default();
        Dom::parse_limited(html, l.max_nodes, l.max_depth).0
    }

    /// Parse within bounds on the elements the tree builder creates and on
    /// the depth of the tree; returns what was cut, as warnings.
    ///
    /// The page's markup is bounded before parsing (see `limits`), but the
    /// tree builder makes elements of its own: it reopens the formatting
    /// elements (`<b>`, `<font>`…) a misnested tag closed, as clones, at
    /// every new paragraph. A page can thus turn kilobytes of markup into
    /// millions of nested elements. So:
    /// - the page is fed in chunks of `PARSE_CHUNK` (4 KiB) and parsing stops
    ///   at the chunk where the elements pass `max_nodes`;
    /// - past `ATTRIBUTES_PER_NODE` (4) attributes per element on average,
    ///   new elements get none (clones copy all of theirs);
    /// - nodes deeper than `max_depth` + `DEPTH_MARGIN` (16) are flattened into
    ///   their ancestor at that depth (in document order), so no later walk
    ///   from a node to its ancestors is longer than that.
    pub fn parse_limited(html: &str, max_nodes: usize, max_depth: usize) -> (Dom, Vec<String>) {
        let elements = Rc::new(Cell::new(0usize));
        let sink = Sink {
            arena: RefCell::new(Arena {
                nodes: vec![Node::new(NodeData::Document)],
                dummy_name: QualName::new(None, Default::default(), LocalName::from("")),
                elements: Rc::clone(&elements),
                attributes: 0,
                attribute_budget: max_nodes.saturating_mul(ATTRIBUTES_PER_NODE),
                attributes_dropped: false,
            }),
        };
        let mut opts = ParseOpts::default();
        // Scripting off: `<noscript>` content is parsed as elements, so the
        // crawler view some sites keep there can be read when nothing else is.
        opts.tree_builder.scripting_enabled = false;
        let mut parser = parse_document(sink, opts);
        let mut warnings = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            let mut cut = rest.len().min(PARSE_CHUNK);
            while !rest.is_char_boundary(cut) {
                cut += 1;
            }
            let (chunk, tail) = rest.split_at(cut);
            parser.process(StrTendril::from_slice(chunk));
            rest = tail;
            if elements.get() > max_nodes && !rest.is_empty() {
                warnings.push(format!(
                    "the parser built more than {max_nodes} elements; the page was read up to byte {} (limit max_nodes)",
                    html.len() - rest.len()
                ));
                break;
            }
        }
        let mut dom: Dom = parser.finish();
        if dom.attributes_dropped {
            warnings.push(format!(
                "the parser built more than {} attributes; later elements got none (limit max_nodes)",
                max_nodes.saturating_mul(ATTRIBUTES_PER_NODE)
            ));
        }
        let flattened = dom.flatten_below(max_depth + DEPTH_MARGIN);
        if flattened > 0 {
            warnings.push(format!(
                "{flattened} nodes the parser nested deeper than {} were flattened (limit max_depth)",
                max_depth + DEPTH_MARGIN
            ));
        }
        (dom, warnings)
    }

    /// The two text rules over every text node and text attribute value
    /// ([`is_text_attribute`]):
    /// `text-in-nfc` (see [`crate::nfc`]) brings each into NFC, and
    /// `double-encoded-utf8` (see [`crate::mojibake`]), when the page holds
    /// enough sequences of UTF-8 read as windows-1252, replaces each by the
    /// character it stood for. Returns how many strings were recomposed and
    /// how many sequences repaired. ASCII strings, most of a page, are
    /// passed over at once. The engine's first stage after parsing (not
    /// part of [`Dom::parse`], which the benchmarks' parse-only ceiling
    /// measures).
    pub(crate) fn repair_text(&mut self) -> (usize, usize) {
        let mut count = 0;
        let mut composed = 0;
        self.for_each_text_mut(|t| {
            if t.is_ascii() {
                return;
            }
            if let Cow::Owned(s) = nfc::nfc(t) {
                *t = StrTendril::from(s);
                composed += 1;
            }
            mojibake::count_into(t, &mut count);
        });
        if count < mojibake::MIN_DOUBLE_ENCODED {
            return (composed, 0);
        }
        let mut repaired = 0;
        self.for_each_text_mut(|t| {
            if let Some((s, n)) = mojibake::repair(t) {
                *t = StrTendril::from(s);
                repaired += n;
            }
        });
        (composed, repaired)
    }

    /// Calls `f` on every text node and text attribute value
    /// ([`is_text_attribute`]), for the text rules to rewrite in place.
    fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut StrTendril)) {
        for node in &mut self.nodes {
            match &mut node.data {
                NodeData::Text(t) => f(t),
                NodeData::Element(e) => e
                    .attrs
                    .iter_mut()
                    .filter(|a| is_text_attribute(&a.name.local))
                    .for_each(|a| f(&mut a.value)),
                _ => {}
            }
        }
    }

    /// Rule `flatten-deep-nodes`: make every node below depth `limit` a
    /// child of its ancestor at that depth, in document order (as browsers
    /// do past their depth limit); the text reads the same. One iterative
    /// pass; returns how many nodes moved.
    fn flatten_below(&mut self, limit: usize) -> usize {
        let mut at_limit = Vec::new();
        let mut stack = vec![(DOCUMENT, 0usize)];
        while let Some((n, d)) = stack.pop() {
            let mut c = self.node(n).first_child;
            if d == limit {
                // Only a node with grandchildren needs flattening.
                while c != NONE {
                    if self.node(c).first_child != NONE {
                        at_limit.push(n);
                        break;
                    }
                    c = self.node(c).next;
                }
                continue;
            }
            while c != NONE {
                stack.push((c, d + 1));
                c = self.node(c).next;
            }
        }
        let mut moved = 0;
        let mut order = Vec::new();
        for top in at_limit {
            // The subtree below `top`, in document order.
            order.clear();
            let mut stack = vec![top];
            while let Some(n) = stack.pop() {
                if n != top {
                    order.push(n);
                }
                let mut c = self.node(n).last_child;
                while c != NONE {
                    stack.push(c);
                    c = self.node(c).prev;
                }
            }
            let mut prev = NONE;
            for &n in &order {
                let node = &mut self.nodes[n as usize];
                node.parent = top;
                node.first_child = NONE;
                node.last_child = NONE;
                node.prev = prev;
                node.next = NONE;
                if prev != NONE {
                    self.nodes[prev as usize].next = n;
                }
                prev = n;
            }
            let t = &mut self.nodes[top as usize];
            t.first_child = order.first().copied().unwrap_or(NONE);
            t.last_child = order.last().copied().unwrap_or(NONE);
            moved += order.len();
        }
        moved
    }

    #[inline]
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// The element data of `id`, if it is an element.
    #[inline]
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id as usize].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The local tag name of `id`, or `""` for non-elements.
    #[inline]
    pub fn tag(&self, id: NodeId) -> &str {
        match &self.nodes[id as usize].data {
            NodeData::Element(e) => e.name.local.as_ref(),
            _ => "",
        }
    }

    /// Iterate over the children of `id`.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.node(id).first_child,
        }
    }

    /// Concatenated text of all descendants (raw, whitespace kept).
    pub fn text_of(&self, id: NodeId, out: &mut String) {
        // Block elements and `<br>` end a line even when no white space
        // stands between the tags (minified pages, or the indentation cut
        // before parsing): their texts never run together.
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            match &self.node(n).data {
                NodeData::Text(t) => out.push_str(t),
                data @ (NodeData::Element(_) | NodeData::Document) => {
                    if let NodeData::Element(el) = data {
                        // Ruby readings are not text (NEVER_CONTENT_TAGS).
                        if matches!(
                            el.name.local,
                            html5ever::local_name!("rt") | html5ever::local_name!("rp")
                        ) {
                            continue;
                        }
                        if n != id
                            && breaks_line(&el.name.local)
                            && !out.is_empty()
                            && !out.ends_with(char::is_whitespace)
                        {
                            out.push('\n');
                        }
                    }
                    let mut c = self.node(n).last_child;
                    while c != NONE {
                        stack.push(c);
                        c = self.node(c).prev;
                    }
                }
                _ => {}
            }
        }
    }

    /// The first element with tag `name` in document order.
    pub fn find_first(&self, name: &str) -> Option<NodeId> {
        (0..self.nodes.len() as NodeId).find(|&i| self.tag(i) == name && self.is_attached(i))
    }

    /// Whether `id` is still reachable from the document (the tree builder
    /// can leave detached nodes behind in the arena).
    pub fn is_attached(&self, mut id: NodeId) -> bool {
        while id != NONE {
            if id == DOCUMENT {
                return true;
            }
            id = self.node(id).parent;
        }
        false
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    #[inline]
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.node(id).next;
        Some(id)
    }
}

struct Arena {
    nodes: Vec<Node>,
    /// Returned by `elem_name` for a non-element, which the tree builder never asks for.
    dummy_name: QualName,
    /// Elements created so far (read between chunks of input).
    elements: Rc<Cell<usize>>,
    /// Attributes created so far, and how many may be.
    attributes: usize,
    attribute_budget: usize,
    attributes_dropped: bool,
}

impl Arena {
    fn push(&mut self, data: NodeData) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node::new(data));
        id
    }

    fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &self.nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            self.nodes[prev as usize].next = next;
        } else {
            self.nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            self.nodes[next as usize].prev = prev;
        } else {
            self.nodes[parent as usize].last_child = prev;
        }
        let n = &mut self.nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    fn append_child(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.nodes[parent as usize].last_child;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = last;
        }
        if last != NONE {
            self.nodes[last as usize].next = child;
        } else {
            self.nodes[parent as usize].first_child = child;
        }
        self.nodes[parent as usize].last_child = child;
    }

    fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let (parent, prev) = {
            let s = &self.nodes[sibling as usize];
            (s.parent, s.prev)
        };
        if parent == NONE {
            return;
        }
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        self.nodes[sibling as usize].prev = child;
        if prev != NONE {
            self.nodes[prev as usize].next = child;
        } else {
            self.nodes[parent as usize].first_child = child;
        }
    }

    /// Append text to `parent`, merging with a trailing text node.
    fn append_text(&mut self, parent: NodeId, text: StrTendril) {
        let last = self.nodes[parent as usize].last_child;
        if last != NONE {
            if let NodeData::Text(t) = &mut self.nodes[last as usize].data {
                t.push_tendril(&text);
                return;
            }
        }
        let id = self.push(NodeData::Text(text));
        self.append_child(parent, id);
    }

    /// Insert text before `sibling`, merging with a text node just before it.
    fn insert_text_before(&mut self, sibling: NodeId, text: StrTendril) {
        let prev = self.nodes[sibling as usize].prev;
        if prev != NONE {
            if let NodeData::Text(t) = &mut self.nodes[prev as usize].data {
                t.push_tendril(&text);
                return;
            }
        }
        let id = self.push(NodeData::Text(text));
        self.insert_before(sibling, id);
    }
}

struct Sink {
    arena: RefCell<Arena>,
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        let arena = self.arena.into_inner();
        Dom {
            nodes: arena.nodes,
            attributes_dropped: arena.attributes_dropped,
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.arena.borrow(), |a| {
            match &a.nodes[*target as usize].data {
                NodeData::Element(e) => &e.name,
                _ => &a.dummy_name,
            }
        })
    }

    fn create_element(
        &self,
        name: QualName,
        mut attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> NodeId {
        let mut a = self.arena.borrow_mut();
        a.elements.set(a.elements.get() + 1);
        if a.attributes + attrs.len() > a.attribute_budget {
            attrs = Vec::new();
            a.attributes_dropped = true;
        }
        a.attributes += attrs.len();
        let template_contents = if flags.template {
            a.push(NodeData::Document)
        } else {
            NONE
        };
        a.push(NodeData::Element(Element {
            name,
            attrs,
            template_contents,
        }))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.arena.borrow_mut().push(NodeData::Comment)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.arena
            .borrow_mut()
            .push(NodeData::ProcessingInstruction)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut a = self.arena.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => a.append_child(*parent, n),
            NodeOrText::AppendText(t) => a.append_text(*parent, t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.arena.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _n: StrTendril, _p: StrTendril, _s: StrTendril) {
        let mut a = self.arena.borrow_mut();
        let id = a.push(NodeData::Doctype);
        a.append_child(DOCUMENT, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        match &self.arena.borrow().nodes[*target as usize].data {
            NodeData::Element(e) if e.template_contents != NONE => e.template_contents,
            _ => *target,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut a = self.arena.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => a.insert_before(*sibling, n),
            NodeOrText::AppendText(t) => a.insert_text_before(*sibling, t),
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut a = self.arena.borrow_mut();
        if let NodeData::Element(e) = &mut a.nodes[*target as usize].data {
            for attr in attrs {
                if !e.attrs.iter().any(|x| x.name == attr.name) {
                    e.attrs.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.arena.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut a = self.arena.borrow_mut();
        let mut c = a.nodes[*node as usize].first_child;
        while c != NONE {
            let next = a.nodes[c as usize].next;
            a.append_child(*new_parent, c);
            c = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_texts_do_not_run_together() {
        let dom = Dom::parse("<div><p>Posted on</p><p>March 3, 2020<br>by <b>Jo</b></p></div>");
        let div = dom.find_first("div").unwrap();
        let mut s = String::new();
        dom.text_of(div, &mut s);
        assert_eq!(s, "Posted on\nMarch 3, 2020\nby Jo");
    }

    #[test]
    fn the_line_breakers_are_the_block_tags() {
        for tag in crate::patterns::BLOCK_TAGS {
            assert!(breaks_line(&LocalName::from(*tag)), "{tag}");
        }
        assert!(!breaks_line(&LocalName::from("span")));
    }

    #[test]
    fn parses_and_links_children() {
        let dom = Dom::parse("<p>a<b>b</b>c</p><p>d</p>");
        let body = dom.find_first("body").unwrap();
        let ps: Vec<_> = dom.children(body).collect();
        assert_eq!(ps.len(), 2);
        let mut s = String::new();
        dom.text_of(ps[0], &mut s);
        assert_eq!(s, "abc");
    }

    #[test]
    fn chunked_parsing_reads_like_one_piece() {
        // Tags, character references and multi-byte characters across the
        // chunk boundaries.
        let html = format!(
            "<p>{}</p>",
            "a &amp; <b>é</b> &eacute;&#x1F600; ".repeat(2000)
        );
        let dom = Dom::parse(&html);
        let mut s = String::new();
        dom.text_of(DOCUMENT, &mut s);
        assert!(s == "a & é é😀 ".repeat(2000), "{:.100}", s);
    }

    #[test]
    fn deep_nodes_are_flattened_in_document_order() {
        let html = format!(
            "{}<p>a<b>b</b></p>c{}d",
            "<div>".repeat(30),
            "</div>".repeat(30)
        );
        let (dom, warnings) = Dom::parse_limited(&html, 1000, 0);
        let mut s = String::new();
        dom.text_of(DOCUMENT, &mut s);
        assert_eq!(s, "abcd");
        assert!(warnings[0].contains("max_depth"), "{warnings:?}");
        // No node is deeper than the limit (16, with the margin) and its
        // children.
        for id in 0..dom.nodes.len() as NodeId {
            let mut d = 0;
            let mut n = id;
            while dom.node(n).parent != NONE {
                n = dom.node(n).parent;
                d += 1;
            }
            assert!(d <= DEPTH_MARGIN + 1, "node {id} at depth {d}");
        }
    }

    #[test]
    fn parsing_stops_past_the_element_limit() {
        let html = "<p>x</p>".repeat(10_000);
        let (dom, warnings) = Dom::parse_limited(&html, 100, 512);
        assert!(dom.nodes.len() < 5000, "{}", dom.nodes.len());
        assert!(warnings[0].contains("max_nodes"), "{warnings:?}");
    }

    #[test]
    fn misnested_table_text_is_foster_parented() {
        // Text inside a table but outside cells moves before the table.
        let dom = Dom::parse("<table>x<tr><td>y</td></tr></table>");
        let body = dom.find_first("body").unwrap();
        let mut s = String::new();
        dom.text_of(body, &mut s);
        assert_eq!(s, "x\ny");
    }
}
