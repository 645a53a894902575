//! Share links: what a URL's query says to show (a scenario or a program, settings, the
//! cursor, the speed, embed mode) and how to write one. Programs travel compressed (raw
//! deflate, base64url) so a course example fits in a link; [`pack_code`] and [`unpack_code`]
//! run in the engine's worker, which keeps the compressor out of the page's wasm (a link
//! holds the packed form, [`Link::packed_code`]). Whatever a link holds is only data:
//! unknown keys are ignored, and a bad value is reported in words and replaced by the
//! default, so a damaged or hostile link still opens the page.

use crate::settings::Settings;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// The longest program a link may unpack to (a bigger one is refused, not allocated).
const MAX_CODE_BYTES: usize = 256 * 1024;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Link {
    /// A gallery scenario's slug (`locks/bank-account`).
    pub scenario: Option<String>,
    /// The program, packed by [`pack_code`], when it is not a scenario's unchanged code.
    pub packed_code: Option<String>,
    pub settings: Option<Settings>,
    /// Where the cursor stands, in virtual ns.
    pub cursor_ns: Option<u64>,
    /// The playback speed's index.
    pub speed: Option<usize>,
    /// The compact layout for an iframe in slides.
    pub embed: bool,
    /// Play as soon as the run is drawn.
    pub autoplay: bool,
}

/// A link as read: what it asks for, and what could not be used, in words.
#[derive(Debug, Default, PartialEq)]
pub struct Parsed {
    pub link: Link,
    pub problems: Vec<String>,
}

impl Link {
    /// Reads a URL's query (`?a=b&c=d`, with or without the `?`).
    pub fn parse(query: &str) -> Parsed {
        let mut parsed = Parsed::default();
        let link = &mut parsed.link;
        for pair in query.trim_start_matches('?').split('&') {
            if pair.is_empty() {
                continue;
            }
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(raw);
            match key {
                "scenario" => {
                    if is_slug(&value) {
                        link.scenario = Some(value);
                    } else {
                        parsed
                            .problems
                            .push("The link's scenario name is not valid.".into());
                    }
                }
                "code" => {
                    let base64url = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
                    if !value.is_empty() && value.bytes().all(base64url) {
                        link.packed_code = Some(value);
                    } else {
                        parsed.problems.push(unreadable_program("not base64url"));
                    }
                }
                "settings" => link.settings = Some(Settings::from_text(&value)),
                "t" => match value.parse() {
                    Ok(t) => link.cursor_ns = Some(t),
                    Err(_) => parsed
                        .problems
                        .push("The link's cursor position is not a number.".into()),
                },
                "speed" => match value.parse() {
                    Ok(s) => link.speed = Some(s),
                    Err(_) => parsed
                        .problems
                        .push("The link's speed is not a number.".into()),
                },
                "embed" => link.embed = value != "0",
                "autoplay" => link.autoplay = value != "0",
                _ => {}
            }
        }
        parsed
    }

    /// The query that reproduces this link (`?…`, or empty).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.scenario {
            parts.push(format!("scenario={}", percent_encode(s)));
        }
        if let Some(packed) = &self.packed_code {
            parts.push(format!("code={packed}"));
        }
        if let Some(settings) = &self.settings {
            parts.push(format!("settings={}", percent_encode(&settings.to_text())));
        }
        if let Some(t) = self.cursor_ns {
            parts.push(format!("t={t}"));
        }
        if let Some(s) = self.speed {
            parts.push(format!("speed={s}"));
        }
        if self.embed {
            parts.push("embed=1".into());
        }
        if self.autoplay {
            parts.push("autoplay=1".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// `topic/name`: letters, digits, `-`, `_`, one `/`.
fn is_slug(s: &str) -> bool {
    let ok = |part: &str| {
        !part.is_empty()
            && part.len() <= 80
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    matches!(s.split_once('/'), Some((a, b)) if ok(a) && ok(b))
}

/// The notice for a link whose program cannot be unpacked.
pub fn unreadable_program(why: &str) -> String {
    format!("The link's program could not be read ({why}).")
}

pub fn pack_code(code: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(code.as_bytes(), 9))
}

pub fn unpack_code(packed: &str) -> Result<String, &'static str> {
    let bytes = URL_SAFE_NO_PAD
        .decode(packed.trim_end_matches('='))
        .map_err(|_| "not base64url")?;
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_CODE_BYTES)
        .map_err(|_| "damaged, or longer than 256 KB")?;
    String::from_utf8(raw).map_err(|_| "not UTF-8 text")
}

/// Everything but unreserved characters is %-escaped.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `%XX` escapes and `+` as space; a malformed escape stays as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_round_trips() {
        let link = Link {
            scenario: Some("locks/bank-account".into()),
            packed_code: Some(pack_code("import threading\nprint('héllo & bye?')\n")),
            settings: Some(Settings {
                cores: 4,
                seed: 7,
                ..Settings::default()
            }),
            cursor_ns: Some(12_345_678),
            speed: Some(3),
            embed: true,
            autoplay: true,
        };
        let parsed = Link::parse(&link.to_query());
        assert_eq!(parsed.problems, Vec::<String>::new());
        assert_eq!(parsed.link, link);
    }

    #[test]
    fn code_is_compressed() {
        let code = "import threading\n".repeat(40);
        assert!(pack_code(&code).len() < code.len() / 4);
        assert_eq!(unpack_code(&pack_code(&code)).unwrap(), code);
    }

    #[test]
    fn bad_values_are_reported_and_ignored() {
        let parsed = Link::parse("?scenario=../../etc/passwd&code=%%%&t=soon&speed=-1&x=<script>");
        assert_eq!(parsed.link, Link::default());
        assert_eq!(parsed.problems.len(), 4, "{:?}", parsed.problems);
        let parsed = Link::parse("code=AAAA");
        assert!(unpack_code(parsed.link.packed_code.as_deref().unwrap()).is_err());
    }

    #[test]
    fn a_program_bigger_than_the_limit_is_refused() {
        let huge = "x".repeat(MAX_CODE_BYTES + 1);
        assert!(unpack_code(&pack_code(&huge)).is_err());
    }

    #[test]
    fn embed_and_settings_read_loosely() {
        let parsed = Link::parse("embed=1&settings=cores%3D3%3Bbogus%3D1&autoplay=0");
        assert!(parsed.link.embed);
        assert!(!parsed.link.autoplay);
        assert_eq!(parsed.link.settings.unwrap().cores, 3);
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn percent_decoding_survives_malformed_escapes() {
        assert_eq!(percent_decode("a%2Fb+c%"), "a/b c%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%é%C3%A9"), "%éé");
    }
}
