//! What the binary does differently on one operating system.
//!
//! On Windows the exe is a GUI program (`windows_subsystem = "windows"` in
//! main.rs), so opening it from the Start menu or Explorer shows no console
//! window. Such a program starts with no console at all: started from a
//! terminal, it borrows the terminal's console, so that `tabula check`,
//! `--help` and error messages are seen there.

/// Attaches to the console of the terminal that started the process, if
/// any, before anything is printed.
#[cfg(windows)]
pub fn attach_parent_console() {
    use std::os::windows::io::AsRawHandle;
    // Output redirected to a file or a pipe (`tabula export … > deck.csv`)
    // already has somewhere to go; only missing handles need the console.
    let missing = std::io::stdout().as_raw_handle().is_null() || std::io::stderr().as_raw_handle().is_null();
    if missing {
        // Started from Explorer there is no parent console: nothing to attach
        // to and nothing to print, so the error is of no use.
        let _ = winsafe::AttachConsole(winsafe::PidParent::Parent);
    }
}

/// Elsewhere a program always has the output its parent gave it.
#[cfg(not(windows))]
pub fn attach_parent_console() {}
