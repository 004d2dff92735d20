//! Organisations on a PostgreSQL ledger: newsrooms, coalitions, the roles that are editors, who
//! is connected, and sharing a claim with a coalition. Row-level security (schema-postgres.sql,
//! migration 3) does the enforcing; this module only reads and writes the tables it rests on.

use serde::Serialize;

use super::Tx;
use super::audit::Table;
use super::db::{Db, Pg};
use crate::error::{Error, Result};
use crate::model::ClaimId;

/// Who the connection is: its role, whether that role owns the ledger (or bypasses row-level
/// security, as a superuser does), and the id of the newsroom it edits for, if any.
#[derive(Clone, Debug)]
pub struct Connected {
    pub role: String,
    pub owner: bool,
    pub newsroom: Option<i64>,
}

/// A newsroom or a coalition.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Org {
    pub id: i64,
    pub name: String,
    pub kind: String,
}

/// One organisation as `org list` shows it: its coalitions or members, and its editors.
#[derive(Clone, Debug, Serialize)]
pub struct OrgListing {
    #[serde(flatten)]
    pub org: Org,
    /// A newsroom's coalitions, or a coalition's newsrooms.
    pub with: Vec<String>,
    pub editors: Vec<String>,
}

/// Who is connected, and its newsroom: the columns [`connected`] and [`version_and_connected`] read.
/// Whether the role owns the ledger (or is a superuser, or bypasses row-level security) is
/// whether row-level security leaves it alone. An editor's newsroom becomes the session's
/// `claimtrack.org`, the default `my_newsroom()` gives new rows (schema-postgres.sql, migration 4);
/// the policies hold every write to the newsroom in `editors` whatever that setting says.
/// (The newsroom's name is read when something shows it: `orgs` has a policy of its own to plan.)
const WHO: &str = "current_user::text, NOT row_security_active('claims'), e.org_id,
        CASE WHEN e.org_id IS NOT NULL THEN set_config('claimtrack.org', e.org_id::text, false) END
     FROM (SELECT 1) AS one
     LEFT JOIN editors e ON e.role = current_user::text";

fn who(row: &super::db::Row<'_>, at: usize) -> Result<Connected> {
    Ok(Connected { role: row.get(at)?, owner: row.get(at + 1)?, newsroom: row.get(at + 2)? })
}

/// The connected role and its newsroom.
pub fn connected(pg: &Pg) -> Result<Connected> {
    pg.db()
        .query_opt(&format!("SELECT {WHO}"), &[], |r| who(r, 0))?
        .ok_or_else(|| Error::Internal("no row for the connected role".into()))
}

/// An up-to-date ledger's schema version and views' SHA-256, with who is connected, in one round
/// trip (every editor's command opens with it); an error where the schema has no organisations.
pub fn version_and_connected(pg: &Pg) -> Result<Option<(i64, Option<String>, Connected)>> {
    pg.db().query_opt(&format!("SELECT v.version, v.views_sha256, {WHO} CROSS JOIN schema_version v"), &[], |r| {
        Ok((r.get(0)?, r.get(1)?, who(r, 2)?))
    })
}

fn org(row: &super::db::Row<'_>) -> Result<Org> {
    Ok(Org { id: row.get(0)?, name: row.get(1)?, kind: row.get(2)? })
}

/// The organisation with id `id`.
pub fn by_id(db: Db<'_>, id: i64) -> Result<Org> {
    db.query_opt("SELECT id, name, kind FROM orgs WHERE id = ?1", &[&id], org)?
        .ok_or_else(|| Error::Internal(format!("no organisation {id}")))
}

/// The organisation named `name` (compared by claimtrack's one name normalisation).
pub fn find(db: Db<'_>, name: &str) -> Result<Option<Org>> {
    db.query_opt("SELECT id, name, kind FROM orgs WHERE name_key = ?1", &[&crate::names::key(name)], org)
}

/// The organisation named `name`, or a one-line refusal naming what there is instead.
pub fn named(db: Db<'_>, name: &str, kind: &str) -> Result<Org> {
    match find(db, name)? {
        Some(found) if found.kind == kind => Ok(found),
        Some(found) => Err(Error::invalid(format!("{} is a {}, not a {kind}", found.name, found.kind))),
        None => Err(Error::invalid(format!("no {kind} named {name:?} (`claimtrack org list` shows them)"))),
    }
}

/// Adds a newsroom or coalition; refuses a name already taken.
pub fn add(db: Db<'_>, name: &str, kind: &str, at: &str) -> Result<Org> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("an organisation needs a name"));
    }
    if let Some(there) = find(db, name)? {
        return Err(Error::invalid(format!("there is already a {} named {}", there.kind, there.name)));
    }
    let id = db.insert(
        "INSERT INTO orgs (name, name_key, kind, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        &[&name, &crate::names::key(name), &kind, &at],
    )?;
    Ok(Org { id, name: name.to_string(), kind: kind.to_string() })
}

/// Puts a newsroom in a coalition (nothing to do when it is in already). Whether it was added.
pub fn join(db: Db<'_>, newsroom: &Org, coalition: &Org, at: &str) -> Result<bool> {
    let added = db.execute(
        "INSERT INTO coalition_members (coalition_id, org_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        &[&coalition.id, &newsroom.id, &at],
    )?;
    Ok(added > 0)
}

/// Makes `role` an editor of `newsroom`: creates the role (LOGIN, no password: the server's
/// authentication decides) when the server has none by that name, records it, and grants it
/// what an editor may do. A role that edits for another newsroom is refused.
pub fn add_editor(db: Db<'_>, role: &str, newsroom: &Org, at: &str) -> Result<bool> {
    if role.is_empty() || role.len() > 63 {
        return Err(Error::invalid(format!("{role:?} is not a PostgreSQL role name (1 to 63 bytes)")));
    }
    let current: Option<(i64, String)> = db.query_opt(
        "SELECT o.id, o.name FROM editors e JOIN orgs o ON o.id = e.org_id WHERE e.role = ?1",
        &[&role],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some((id, name)) = &current
        && *id != newsroom.id
    {
        return Err(Error::invalid(format!("{role} is already an editor of {name}: one role, one newsroom")));
    }
    let exists = db.query_opt("SELECT 1 FROM pg_roles WHERE rolname = ?1", &[&role], |r| r.get::<i64>(0))?.is_some();
    if !exists {
        // format('%I') quotes the name as an identifier; it cannot be a bound parameter.
        let create: String = db
            .query_opt("SELECT format('CREATE ROLE %I LOGIN', CAST(?1 AS TEXT))", &[&role], |r| r.get(0))?
            .unwrap_or_default();
        db.execute(&create, &[])?;
    }
    let refused: bool = db
        .query_opt(
            "SELECT rolsuper OR rolbypassrls OR pg_has_role(?1, (SELECT relowner FROM pg_class WHERE oid = to_regclass('claims')), 'MEMBER')
             FROM pg_roles WHERE rolname = ?1",
            &[&role],
            |r| r.get(0),
        )?
        .unwrap_or(false);
    if refused {
        return Err(Error::invalid(format!(
            "{role} owns the ledger or bypasses row-level security: an editor's role must be an ordinary one"
        )));
    }
    if current.is_none() {
        db.execute("INSERT INTO editors (role, org_id, created_at) VALUES (?1, ?2, ?3)", &[&role, &newsroom.id, &at])?;
    }
    db.query("SELECT grant_editor(?1)", &[&role], |_| Ok(()))?;
    Ok(current.is_none())
}

/// Every organisation the connection may see, by name, with its coalitions or members and editors.
pub fn list(db: Db<'_>) -> Result<Vec<OrgListing>> {
    let orgs = db.query("SELECT id, name, kind FROM orgs ORDER BY kind DESC, name_key", &[], org)?;
    orgs.into_iter()
        .map(|org| {
            let with = db.query(
                "SELECT o.name FROM coalition_members m JOIN orgs o
                   ON o.id = CASE WHEN m.org_id = ?1 THEN m.coalition_id ELSE m.org_id END
                 WHERE m.org_id = ?1 OR m.coalition_id = ?1 ORDER BY o.name_key",
                &[&org.id],
                |r| r.get(0),
            )?;
            let editors =
                db.query("SELECT role FROM editors WHERE org_id = ?1 ORDER BY role", &[&org.id], |r| r.get(0))?;
            Ok(OrgListing { org, with, editors })
        })
        .collect()
}

/// How many of the claims the connection sees other newsrooms shared with its coalitions.
pub fn shared_in(db: Db<'_>) -> Result<i64> {
    // Only shared claims can be another newsroom's: a few index lookups, never a scan of the ledger.
    let sql = "SELECT count(*) FROM claims WHERE id IN (SELECT shared_claims()) AND org_id <> (SELECT my_newsroom())";
    Ok(db.query_opt(sql, &[], |r| r.get(0))?.unwrap_or(0))
}

/// The coalitions claim `id` is shared with, by name.
pub fn shared_with(db: Db<'_>, claim: ClaimId) -> Result<Vec<String>> {
    db.query(
        "SELECT o.name FROM claim_shares s JOIN orgs o ON o.id = s.coalition_id WHERE s.claim_id = ?1 ORDER BY o.name_key",
        &[&claim],
        |r| r.get(0),
    )
}

impl Tx<'_> {
    /// Shares claim `claim` (the editor's newsroom's own) with `coalition` (one the newsroom is in),
    /// recorded in the newsroom's chain. Whether it was shared now (false: it was already).
    pub fn share_claim(&mut self, claim: ClaimId, coalition: &Org) -> Result<bool> {
        let db = self.db();
        let own = db.query_opt("SELECT 1 FROM claims WHERE id = ?1 AND org_id = my_newsroom()", &[&claim], |r| {
            r.get::<i64>(0)
        })?;
        if own.is_none() {
            return Err(Error::invalid(format!("claim {claim} is not one of your newsroom's claims")));
        }
        let member = db.query_opt(
            "SELECT 1 FROM coalition_members WHERE coalition_id = ?1 AND org_id = my_newsroom()",
            &[&coalition.id],
            |r| r.get::<i64>(0),
        )?;
        if member.is_none() {
            return Err(Error::invalid(format!(
                "your newsroom is not in {} (the owner adds it: `claimtrack org join NEWSROOM {}`)",
                coalition.name, coalition.name
            )));
        }
        let there = db.query_opt(
            "SELECT 1 FROM claim_shares WHERE claim_id = ?1 AND coalition_id = ?2",
            &[&claim, &coalition.id],
            |r| r.get::<i64>(0),
        )?;
        if there.is_some() {
            return Ok(false);
        }
        let at = self.author.at.clone();
        self.audited_insert(Table::ClaimShares, Some(claim), |db| {
            db.insert(
                "INSERT INTO claim_shares (claim_id, coalition_id, created_at) VALUES (?1, ?2, ?3) RETURNING id",
                &[&claim, &coalition.id, &at],
            )
        })?;
        Ok(true)
    }
}
