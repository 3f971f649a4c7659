use rtk_preset_core::{phases, CheckOptions};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let what = std::env::args().nth(3).unwrap_or_default();
    let text = std::fs::read(path).unwrap();
    let options = CheckOptions::default();
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += match what.as_str() {
            "fast" => phases::fast_path(&text, &options) as usize,
            "parse" => phases::parse(&text).is_some() as usize,
            "check" => rtk_preset_core::check(&text, &options).diagnostics.len(),
            "serde" => serde_json::from_slice::<serde_json::Value>(&text).is_ok() as usize,
            _ => 0,
        };
    }
    eprintln!("{what}: {:.2} us per call ({k})", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
