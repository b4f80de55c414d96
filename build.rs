//! Gives the Windows exe its icon and version information, as a resource
//! linked into it; other targets need nothing from here.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=assets/icon/tabula.ico");
    // The build script runs on the host: the target is asked of cargo, not cfg!.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icon/tabula.ico")
        .set("ProductName", "Tabula")
        .set("FileDescription", "Tabula")
        .set("LegalCopyright", "MIT OR Apache-2.0");
    if let Err(error) = resource.compile() {
        // Cross-building needs MinGW's windres (Debian: binutils-mingw-w64-x86-64).
        panic!("cannot embed the icon in the Windows exe: {error}");
    }
}
