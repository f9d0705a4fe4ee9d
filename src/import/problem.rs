//! A problem of an import: the loader's code, where it is (`nodes!C7`, or a
//! sheet), what is wrong and what to do; printed as the loader prints.

use crate::code::DiagnosticCode;

/// A problem of an import, at a cell (`nodes!C7`) or a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The loader's code for it.
    pub code: DiagnosticCode,
    /// Where: `sheet!C7`, or a sheet's name.
    pub at: String,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
}

impl ImportProblem {
    /// The problem as printed: `error[code]: at: message`, then its help.
    pub fn render(&self) -> String {
        self.render_as("error")
    }

    /// The problem as printed at `level` (`error`, `warning`).
    pub fn render_as(&self, level: &str) -> String {
        let mut s = format!(
            "{level}[{}]: {}: {}",
            self.code.as_str(),
            self.at,
            self.message
        );
        if let Some(h) = &self.help {
            s.push_str("\n  help: ");
            s.push_str(h);
        }
        s
    }
}
