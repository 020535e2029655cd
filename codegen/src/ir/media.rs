//! What a media type is: JSON, server-sent events, or bytes whatever the schema says.

/// Whether a media type is JSON (`application/json`, `application/problem+json`, with parameters).
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a media type is `text/event-stream` (server-sent events).
pub fn is_event_stream(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("text/event-stream")
}

/// Whether a media type is bytes whatever the schema says (`image/*`, `audio/*`, `video/*`,
/// `font/*`, `application/octet-stream`, `application/pdf`, zip, gzip; with parameters).
pub fn is_binary_media(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    ["image/", "audio/", "video/", "font/"]
        .iter()
        .any(|prefix| essence.starts_with(prefix))
        || matches!(
            essence.as_str(),
            "application/octet-stream" | "application/pdf" | "application/zip" | "application/gzip"
        )
}
