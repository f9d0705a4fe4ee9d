//! `import`: the CSV sheets `export --format csv` writes read back into the
//! same validated design (every shipped design, and generated ones as a
//! property), every problem located as `sheet!C7` with the loader's codes
//! and suggestions, all in one run; and the CLI from sheets to a report.

mod common;
use common::{bin, load};

use proptest::prelude::*;
use valuedesign::analysis::{self, Config};
use valuedesign::export::{export, ExportFormat};
use valuedesign::import::{self, sheet, Sheets};
use valuedesign::model::Ecosystem;
use valuedesign::ValueDesign;

/// The design's CSV sheets read back as the importer reads them.
fn sheets_of(design: &ValueDesign) -> Sheets {
    let an = analysis::analyse(design, &Config::default());
    let files = export(design, &an, ExportFormat::Csv, "x").expect("export");
    Sheets {
        sheets: files
            .iter()
            .map(|f| sheet::from_csv(f.name.trim_end_matches(".csv"), &f.text()).expect("csv"))
            .collect(),
    }
}

fn defaulted(mut eco: Ecosystem) -> Ecosystem {
    eco.apply_defaults();
    eco
}

#[test]
fn every_shipped_design_comes_back_from_its_sheets_the_same() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ecosystems");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("ecosystems/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for f in files {
        let (design, _) = load(&std::fs::read_to_string(&f).expect("read"));
        let eco = import::design(&sheets_of(&design))
            .unwrap_or_else(|p| panic!("{}: {:?}", f.display(), p));
        assert_eq!(
            &defaulted(eco.clone()),
            design.ecosystem(),
            "{}",
            f.display()
        );
        // And the RON written for it loads as the same design.
        let text = import::ron_text(&eco, &["test".into()]);
        let (again, _) = load(&text);
        assert_eq!(again.ecosystem(), design.ecosystem(), "{}", f.display());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn generated_designs_come_back_from_their_sheets_the_same(nodes in 2usize..60, seed in 0u64..1000) {
        let eco = valuedesign::generate::design(&valuedesign::generate::GenerateConfig {
            nodes,
            exchanges_per_node: 3,
            seed,
        });
        let design = ValueDesign::new(defaulted(eco)).expect("generated designs are valid");
        let back = import::design(&sheets_of(&design)).expect("imports");
        prop_assert_eq!(&defaulted(back), design.ecosystem());
    }
}

fn sheet(name: &str, text: &str) -> sheet::Sheet {
    sheet::from_csv(name, text).expect("csv")
}

#[test]
fn every_problem_is_located_on_its_cell_with_the_loaders_codes_in_one_run() {
    let sheets = Sheets {
        sheets: vec![
            sheet("nodes", "id,label,kind,count\nvendor,Vendor,Organisation,\nshop,Shop,Segment,abc\n"),
            sheet("exchanges", "id,from,to,flow,value,cadence\nsub,shop,vendr,Money,100,Monthly\nsvc,vendor,shop,servise,1,Yearly\n"),
        ],
    };
    let problems = import::design(&sheets).expect_err("bad sheets");
    let got: Vec<(String, &str, Option<&str>)> = problems
        .iter()
        .map(|p| (p.at.clone(), p.code.as_str(), p.help.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "nodes!C2".to_owned(),
                "unknown-variant",
                Some("did you mean `Organization`?")
            ),
            (
                "nodes!D3".to_owned(),
                "wrong-type",
                Some("write a plain number such as 1200 or 0.05 (no currency sign or %)")
            ),
            (
                "exchanges!D3".to_owned(),
                "unknown-variant",
                Some("did you mean `service`?")
            ),
            // In the same run, the design's own problems.
            (
                "exchanges!C2".to_owned(),
                "unknown-id",
                Some("did you mean `vendor`?")
            ),
        ]
    );
    // Once the cells read, the design's own problems are located too.
    let sheets = Sheets {
        sheets: vec![
            sheet(
                "nodes",
                "id,label,kind,parent\nvendor,Vendor,Organization,\nshop,Shop,Segment,vendr\n",
            ),
            sheet(
                "exchanges",
                "id,from,to,flow,value,cadence\nsub,shop,vendr,money,100,Monthly\n",
            ),
        ],
    };
    let problems = import::design(&sheets).expect_err("bad references");
    let at: Vec<&str> = problems.iter().map(|p| p.at.as_str()).collect();
    assert_eq!(at, ["nodes!D3", "exchanges!C2"], "{problems:?}");
    assert!(problems.iter().all(|p| p.code.as_str() == "unknown-id"));
    assert!(
        problems[1].render().contains("did you mean `vendor`?"),
        "{}",
        problems[1].render()
    );
}

#[test]
fn from_a_spreadsheet_to_a_report_in_two_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sheets = dir.path().join("sheets");
    let out = bin()
        .args(["export", "--format", "csv", "-o"])
        .arg(&sheets)
        .arg(common::shipped("smart-parking.ron"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    // The two commands: import the sheets, report the design.
    let design = dir.path().join("parking.ron");
    let out = bin()
        .arg("import")
        .arg(&sheets)
        .arg("-o")
        .arg(&design)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin()
        .arg("report")
        .arg(&design)
        .arg("--no-png")
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.path().join("out/parking/index.html").exists());
    // A second import does not replace the design; a broken sheet writes nothing.
    let again = bin()
        .arg("import")
        .arg(&sheets)
        .arg("-o")
        .arg(&design)
        .output()
        .expect("runs");
    assert_eq!(again.status.code(), Some(2));
    std::fs::write(sheets.join("nodes.csv"), "id,kind\nvendor,Firm\n").expect("break");
    let other = dir.path().join("other.ron");
    let bad = bin()
        .arg("import")
        .arg(&sheets)
        .arg("-o")
        .arg(&other)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("error[unknown-variant]: nodes!B2: `Firm` is not a kind"),
        "{err}"
    );
    assert!(!other.exists());
}

#[test]
fn numbers_as_spreadsheets_write_them_and_the_ones_that_would_be_guessed() {
    let nodes = sheet(
        "nodes",
        "id,kind,count\nvendor,Organization,\"1,200\"\nshop,Segment,\"50\u{a0}000\"\n",
    );
    let ok = Sheets {
        sheets: vec![nodes.clone()],
    };
    let eco = import::design(&ok).expect("imports");
    assert_eq!((eco.nodes[0].count, eco.nodes[1].count), (1200.0, 50000.0));
    // A decimal comma is refused, not read as a thousands separator.
    for bad in ["12,00", "1,5", "1.200,50", "1,20,0"] {
        let s = Sheets {
            sheets: vec![sheet(
                "nodes",
                &format!("id,kind,count\nvendor,Organization,\"{bad}\"\n"),
            )],
        };
        let p = import::design(&s).expect_err(bad);
        assert_eq!(p.len(), 1, "{bad}: {p:?}");
        assert_eq!(p[0].at, "nodes!C2");
        assert!(
            p[0].help
                .as_deref()
                .unwrap_or("")
                .contains("point for decimals"),
            "{bad}: {p:?}"
        );
    }
}

#[test]
fn columns_missing_unknown_or_twice_are_said_once_at_the_header() {
    let s = Sheets {
        sheets: vec![
            sheet("nodes", "ID,Label,Kind,Growth rate,IoT role\nvendor,Vendor,Organization,0.2,Enabler\nshop,Shop,Segment,,\n"),
            sheet("exchanges", "id,from,to,flow,value\nsub,shop,vendor,money,1\nsvc,vendor,shop,service,1\n"),
        ],
    };
    // `IoT role` is `iot_role`; `Growth rate` is not read, and import says so.
    let warnings = import::columns::unknown(&s);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].at, "nodes!D1");
    assert!(warnings[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("did you mean `growth`?"));
    let p = import::design(&s).expect_err("no cadence column");
    assert_eq!(
        p.len(),
        1,
        "one problem for the column, not one per row: {p:?}"
    );
    assert_eq!(p[0].at, "exchanges!F1");
    assert!(p[0].message.contains("has no `cadence` column"), "{p:?}");
    let twice = Sheets {
        sheets: vec![sheet(
            "nodes",
            "id,kind,kind\nvendor,Organization,Segment\n",
        )],
    };
    let p = import::design(&twice).expect_err("two kinds");
    assert_eq!(p[0].code.as_str(), "duplicate-field");
    assert_eq!(p[0].at, "nodes!C1");
}

#[test]
fn semicolon_separated_sheets_and_cadences_in_words() {
    let s = Sheets {
        sheets: vec![
            sheet("nodes", "id;kind\nvendor;Organization\nshop;Segment\n"),
            sheet(
                "exchanges",
                "id;from;to;flow;value;cadence\nsub;shop;vendor;money;\"1,5\";weekly\n",
            ),
        ],
    };
    let p = import::design(&s).expect_err("weekly");
    let got: Vec<(&str, Option<&str>)> = p
        .iter()
        .map(|x| (x.at.as_str(), x.help.as_deref()))
        .collect();
    assert_eq!(got[0].0, "exchanges!E2");
    assert_eq!(
        got[1],
        ("exchanges!F2", Some("write Times(52): 52 times a year"))
    );
}

#[test]
fn a_duplicate_id_names_both_cells() {
    let s = Sheets {
        sheets: vec![sheet(
            "nodes",
            "id,kind\nvendor,Organization\nshop,Segment\nvendor,Organization\n",
        )],
    };
    let p = import::design(&s).expect_err("two vendors");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].at, "nodes!A4");
    assert_eq!(p[0].code.as_str(), "duplicate-id");
    assert!(
        p[0].message.ends_with("(the first is nodes!A2)"),
        "{}",
        p[0].message
    );
}

#[test]
fn a_nodes_sheet_with_no_rows_is_one_problem_not_one_per_exchange() {
    let s = Sheets {
        sheets: vec![
            sheet("nodes", "id,kind\n"),
            sheet(
                "exchanges",
                "id,from,to,flow,value,cadence\nsub,shop,vendor,money,1,Yearly\nsvc,vendor,shop,service,1,Yearly\n",
            ),
        ],
    };
    let p = import::design(&s).expect_err("no nodes");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].at, "nodes!A2");
    assert!(p[0].message.contains("has no rows"), "{p:?}");
}
