//! dump
fn main() {
    use rtk_preset_core::*;
    let k: DocumentKind = std::env::args().nth(1).unwrap().parse().unwrap();
    let a: ApiRevision = std::env::args().nth(2).unwrap().parse().unwrap();
    println!("{}", serde_json::to_string_pretty(&schema::schema(k, a)).unwrap());
}
