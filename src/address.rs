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
