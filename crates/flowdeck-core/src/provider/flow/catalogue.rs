//! Which video model families Flow offers an account: `HTrJv` (FlowService.GetModels, the
//! model catalogue) or `yBhWQ` (read as a family list by one public client, as a small flag
//! call by another), or neither. Pure.
//!
//! The catalogue's video groups sit at `d[0][4]`, each `[label, [KEY…], offered, family]`
//! (hainguyen-keyti/google-flow-mcp `tests/fixtures/rpc/HTrJv.json`, 2026-10): `family` is the
//! name flowdeck's keys are grouped by (`abra`, `veo_3_1_fast`, …), and a group Flow marks as
//! not offered (`false`) is left out.

use serde::Serialize;
use serde_json::Value;

use super::protocol;

/// Where an account's model families came from, for `accounts check` to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FamiliesFrom {
    /// `HTrJv`, the model catalogue.
    Catalogue,
    /// `yBhWQ`.
    FamilyList,
    /// Neither answered in a shape flowdeck reads: the built-in catalogue, unfiltered.
    #[default]
    BuiltIn,
}

impl FamiliesFrom {
    /// The read's id as Flow knows it (or `built-in`).
    pub fn rpc(self) -> String {
        let p = protocol::current();
        match self {
            FamiliesFrom::Catalogue => p.rpc.catalogue.clone(),
            FamiliesFrom::FamilyList => p.rpc.families.clone(),
            FamiliesFrom::BuiltIn => "built-in".into(),
        }
    }
}

fn is_family(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `HTrJv` → the families of its video groups at `d[0][4]` that offer at least one key to an
/// account of `tier` (1 entry, 2 Pro, 3 Ultra: `nzlxg`'s service tier); the upsamplers are
/// not families of their own. `None` when that slot does not hold groups of that shape.
///
/// A key's price list is `[[tier, X], …]` with `X = [[null, credits]]` when that tier may use
/// it and `[null, []]` when it may not (the capture's tier-2 account reads exactly the four
/// families its `yBhWQ` listed).
pub fn families(payload: &Value, tier: i64) -> Option<Vec<String>> {
    let p = protocol::current();
    let r = &p.reads;
    let groups = payload.pointer(&r.catalogue_groups)?.as_array()?;
    let mut out: Vec<String> = Vec::new();
    for g in groups {
        let keys = g.pointer(&r.group_keys)?.as_array()?;
        let family = g
            .pointer(&r.group_family)?
            .as_str()
            .filter(|f| is_family(f))?;
        if family.contains("upsampler") || out.iter().any(|f| f == family) {
            continue;
        }
        if keys.iter().any(|k| offered(k.pointer(&r.key_prices), tier)) {
            out.push(family.to_string());
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Whether a key's prices `[[tier, X], …]` offer it at `tier`.
fn offered(prices: Option<&Value>, tier: i64) -> bool {
    prices
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|t| {
            t.get(0).and_then(Value::as_i64) == Some(tier)
                && t.pointer("/1/0").is_some_and(Value::is_array)
        })
}

/// `yBhWQ` → `[[["abra",1],["veo_3_1_fast",1],…]]`: the family names; `None` for any other
/// shape.
pub fn family_list(payload: &Value) -> Option<Vec<String>> {
    let list = payload
        .pointer(&protocol::current().reads.family_list)?
        .as_array()?;
    let names: Option<Vec<String>> = list
        .iter()
        .map(|e| match e {
            Value::Array(a) => a.first()?.as_str(),
            Value::String(s) => Some(s.as_str()),
            _ => None,
        })
        .map(|n| n.filter(|n| is_family(n)).map(str::to_string))
        .collect();
    names.filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(name: &str, tiers: &[i64]) -> Value {
        let prices: Vec<Value> = (1..=3)
            .map(|t| {
                if tiers.contains(&t) {
                    json!([t, [[null, 10]]])
                } else {
                    json!([t, [null, []]])
                }
            })
            .collect();
        json!([name, null, null, null, prices])
    }

    #[test]
    fn a_family_counts_when_one_of_its_keys_is_offered_at_the_accounts_tier() {
        let p = json!([[
            null,
            null,
            [],
            [],
            [
                [
                    "Omni 1.1 Flash",
                    [key("abra_t2v_4s", &[1, 2, 3])],
                    true,
                    "abra"
                ],
                [
                    "Veo 3.1 - Lite",
                    [
                        key("veo_3_1_t2v_lite_4s", &[3]),
                        key("veo_3_1_t2v_lite", &[1, 2])
                    ],
                    true,
                    "veo_3_1_lite"
                ],
                [
                    "Veo 3.1 - Lite [Lower Priority]",
                    [key("veo_3_1_t2v_lite_low_priority", &[3])],
                    null,
                    "veo_3_1_lite_low_priority"
                ],
                [
                    "Veo 3.1 - Upsampler 4K",
                    [key("veo_3_1_upsampler_4k", &[3])],
                    true,
                    "veo_3_1_upsampler_4k"
                ]
            ]
        ]]);
        assert_eq!(
            families(&p, 2),
            Some(vec!["abra".to_string(), "veo_3_1_lite".to_string()])
        );
        assert_eq!(
            families(&p, 3).map(|f| f.len()),
            Some(3),
            "low priority on the top tier, never the upsampler"
        );
    }

    #[test]
    fn other_shapes_are_none_never_a_guess() {
        for p in [
            json!(null),
            json!([]),
            json!([[null, null, [], [], "x"]]),
            json!([[null, null, [], [], [["label", "not keys", true, "abra"]]]]),
            json!([[null, null, [], [], [["label", [], true, "Not A Family!"]]]]),
        ] {
            assert_eq!(families(&p, 2), None, "{p}");
        }
        assert_eq!(
            family_list(&json!([[["abra", 1]]])),
            Some(vec!["abra".into()])
        );
        assert_eq!(family_list(&json!([[[1, 2]]])), None);
        assert_eq!(family_list(&json!({"flags": true})), None);
        assert_eq!(family_list(&json!([[]])), None);
    }
}
