#![forbid(unsafe_code)]
fn main() {
    let path = std::env::args().nth(1).expect("usage: klartext PAGE.html");
    let bytes = std::fs::read(path).expect("read");
    let doc = klartext::extract(&bytes, &klartext::Options::default());
    println!("{}", doc.text);
}
