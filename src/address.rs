//! Web addresses editors give: absolute http(s) URLs with a real host name.

/// Accepts absolute http(s) URLs only.
pub fn parse_url(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text.trim()).map_err(|e| format!("not a URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("only http and https URLs are accepted, not {}:", url.scheme()));
    }
    if url.host_str().is_none_or(|h| !h.contains('.') && h != "localhost") {
        return Err("the URL has no proper host name".into());
    }
    Ok(url.to_string())
}

/// Query parameters that only track a click: dropped so two links to one story are one URL.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "ocid",
    "cmpid",
    "ref_src",
    "ref_url",
    "smid",
    "smtyp",
    "sr_share",
    "at_medium",
    "at_campaign",
    "ito",
    "amp",
    "outputtype",
    "usqp",
];

/// The canonical form of an article URL: tracking parameters (`utm_*`, `fbclid` …) and the fragment
/// dropped, and AMP and mobile variants (`amp.`, `m.`, `mobile.` hosts, `/amp` paths) taken back to
/// the page they copy. Not a URL: returned unchanged.
pub fn canonical(text: &str) -> String {
    let Ok(mut url) = url::Url::parse(text.trim()) else {
        return text.trim().to_string();
    };
    if !matches!(url.scheme(), "http" | "https") {
        return url.to_string();
    }
    url.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    if let Some(host) = url.host_str().map(str::to_string) {
        for prefix in ["amp.", "m.", "mobile."] {
            if let Some(rest) = host.strip_prefix(prefix)
                && rest.contains('.')
            {
                let _ = url.set_host(Some(rest));
                break;
            }
        }
    }
    let path = url.path().to_string();
    let trimmed = path
        .strip_suffix("/amp/")
        .or_else(|| path.strip_suffix("/amp"))
        .or_else(|| path.strip_suffix(".amp"))
        .map(|p| format!("{p}/"))
        .or_else(|| path.strip_prefix("/amp/").map(|p| format!("/{p}")));
    if let Some(p) = trimmed {
        let p = if p.ends_with("//") { p.trim_end_matches('/').to_string() + "/" } else { p };
        url.set_path(&p);
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn tracking_amp_and_mobile_variants_are_one_url() {
        let plain = "https://maghrebi.org/2025/09/23/turkey-niger/";
        for variant in [
            "https://maghrebi.org/2025/09/23/turkey-niger/?utm_source=twitter&utm_medium=social",
            "https://maghrebi.org/2025/09/23/turkey-niger/?fbclid=IwAR0abc#comments",
            "https://maghrebi.org/2025/09/23/turkey-niger/amp/",
            "https://maghrebi.org/2025/09/23/turkey-niger/amp",
            "https://m.maghrebi.org/2025/09/23/turkey-niger/",
            "https://amp.maghrebi.org/2025/09/23/turkey-niger/?amp=1",
            "https://MAGHREBI.org/amp/2025/09/23/turkey-niger/",
        ] {
            assert_eq!(canonical(variant), plain, "{variant}");
        }
        // A parameter that picks the content stays.
        assert_eq!(canonical("https://example.org/story?id=42&utm_campaign=x"), "https://example.org/story?id=42");
        assert_eq!(canonical("not a url"), "not a url");
    }
}
