//! `gc-wasm-split INPUT.wasm OUT_DIR STEM`: splits INPUT at its `#[wasm_split]` points into
//! OUT_DIR (`STEM.wasm`, the main module for wasm-bindgen; `split_<name>.wasm` for each split
//! point's own code; `chunk_<n>.wasm` for code several of them share; `__wasm_split.js`) and
//! writes OUT_DIR/split.json: `{"splits": {"<name>": ["chunk_3.wasm", …, "split_<name>.wasm"]}}`,
//! every module each split point needs, from the splitter's own bookkeeping.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, out_dir, stem] = args.as_slice() else {
        eprintln!("usage: gc-wasm-split INPUT.wasm OUT_DIR STEM");
        return ExitCode::from(2);
    };
    match split(input, &PathBuf::from(out_dir), stem) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gc-wasm-split: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &str, out_dir: &std::path::Path, stem: &str) -> Result<(), Box<dyn std::error::Error>> {
    let wasm = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    let main_out = out_dir.join(format!("{stem}.wasm"));
    let main_module = format!("./{stem}.js");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out_dir;
    opts.main_out_path = &main_out;
    opts.main_module = &main_module;
    opts.target.web();
    let done = wasm_split_cli_support::transform(opts).map_err(|e| format!("{e:?}"))?;
    let splits: BTreeMap<_, Vec<String>> = done
        .prefetch_map
        .into_iter()
        .map(|(name, stems)| (name, stems.into_iter().map(|s| format!("{s}.wasm")).collect()))
        .collect();
    let json = serde_json::json!({ "splits": splits });
    std::fs::write(out_dir.join("split.json"), format!("{json:#}\n"))?;
    Ok(())
}
