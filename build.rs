//! Writes the `sip_codes!` macro with the absolute path of the bundled spec baked in, so that a user's
//! spec can say `extends: sip-codes` and build on it without copying the standard table.

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by Cargo"));
    let bundled = manifest_dir.join("spec").join("sip-codes.yaml");
    let bundled = bundled.to_str().expect("the crate's path is UTF-8");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by Cargo"))
        .join("sip_codes_macro.rs");
    let source = format!(
        r#"/// Generates the status-code API from a YAML spec: `sip_codes!("spec/codes.yaml")`, the path relative to
/// the calling crate's `Cargo.toml`. Cargo rebuilds the crate when the file changes.
///
/// It expands, in the calling module, to the enum (`StatusCode`), a status-line type (`StatusLine`) and a
/// module of status markers and typestate builders (`status`). A spec can start from this crate's own with
/// `extends: sip-codes` and add codes, override phrases and add rules without copying the standard table.
/// Options after the path: `name = MyCode`, `module = my_status`, `vis = pub(crate)`,
/// `derive(serde::Serialize)`, `codes = [100, 200, 404]` (a subset of the spec). Every problem in the spec
/// is a compile error that points here and names `file:line:col`. The spec format is documented in the
/// crate's `spec/README.md`.
///
/// ```
/// mod vendor {{
///     sip_codes::sip_codes!("tests/specs/vendor.yaml", name = VendorCode, module = vendor_status);
/// }}
/// assert_eq!(vendor::VendorCode::from_u16(499).unwrap().to_string(), "499 Codec Mismatch");
/// ```
#[macro_export]
macro_rules! sip_codes {{
    ($($args:tt)*) => {{
        $crate::__private::sip_codes_impl! {{
            krate = $crate,
            bundled = {bundled:?},
            $($args)*
        }}
    }};
}}
"#
    );
    std::fs::write(out, source).expect("OUT_DIR is writable");
}
