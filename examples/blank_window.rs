//! The yardstick for the window's budgets: a blank eframe window with the
//! same renderer and options as Tabula's, which prints `startup_ms=N` (start
//! of `main` to its second frame, the first one painted) and `peak_rss_mb=N`,
//! then exits. `scripts/bench.sh` subtracts its memory from Tabula's.

use std::time::Instant;

fn main() -> eframe::Result {
    let started = Instant::now();
    let mut frames = 0;
    eframe::run_ui_native("blank", eframe::NativeOptions::default(), move |ui, _frame| {
        frames += 1;
        if frames == 1 {
            ui.ctx().request_repaint();
        } else {
            println!("startup_ms={}", started.elapsed().as_millis());
            tabula::ui::probe::print_peak_memory();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    })
}
