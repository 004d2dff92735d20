//! `claimtrack verify`: check the audit chain, the rows it describes, and the file's integrity.

use super::Ctx;
use crate::error::{Error, Result};
use crate::ops::audit;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let result = match ctx.open() {
        Ok(store) => audit::verify(&store)?,
        // Too damaged to open: that is verify's finding, not a failure to run.
        Err(Error::Damaged(detail)) => audit::Verification {
            ok: false,
            events: 0,
            problems: vec![
                format!("the file is damaged: it cannot be read as a database ({detail})"),
                "restore it from a backup".into(),
            ],
        },
        Err(e) => return Err(e),
    };
    if ctx.json() {
        ctx.out.json(&result)?;
    } else if result.ok {
        ctx.out.line(&format!("ok: {} events chain correctly; integrity and foreign keys check out", result.events))?;
    } else {
        for problem in &result.problems {
            ctx.out.line(problem)?;
        }
    }
    if result.ok {
        Ok(())
    } else {
        let count = result.problems.len();
        Err(Error::Problems(format!("{count} problem{} found (listed above)", if count == 1 { "" } else { "s" })))
    }
}
