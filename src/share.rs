//! Share links: the whole state of a page in a URL fragment, no server.
//!
//! A [`Session`] is the seed and the playground's [`Journal`] (every action and the ticks between
//! them), plus what only the page knows: the editor's files, the lesson, the language. Opening a
//! link replays the journal on a new cluster with the same seed, which gives the same cluster,
//! byte for byte (the engine is deterministic). The text is JSON in base64url after `#s=`.

use serde::{Deserialize, Serialize};

use crate::lessons::{Lesson, Progress};
use crate::engine::Cluster;
use crate::playground::{Journal, Mark, Playground, Ran};

/// The version of the link format; links of other versions are refused with a message.
pub const VERSION: u32 = 1;

/// The fragment's prefix: `https://…/#s=…`.
pub const PREFIX: &str = "s=";

/// Links longer than this are refused before decoding (a pasted novel is not a session).
pub const MAX_LINK_BYTES: usize = 2_000_000;

/// An editor file as the page had it (applied or not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedFile {
    pub name: String,
    pub text: String,
}

/// Everything a share link holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub v: u32,
    pub seed: u64,
    /// `en` or `ko`.
    #[serde(default)]
    pub lang: String,
    /// The lesson being followed (its id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<String>,
    /// A lesson that is not built in: its whole file (a teacher's pasted or fetched lesson).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_text: Option<String>,
    /// Where in the journal the lesson started (after its setup).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson_mark: Option<Mark>,
    /// The scenario the page loaded, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    #[serde(default)]
    pub files: Vec<SharedFile>,
    /// Which file tab was open.
    #[serde(default)]
    pub active: usize,
    pub journal: Journal,
}

impl Session {
    /// The session of a playground as it is now.
    pub fn of(playground: &Playground) -> Session {
        Session {
            v: VERSION,
            seed: playground.seed(),
            lang: String::new(),
            lesson: None,
            lesson_text: None,
            lesson_mark: None,
            preset: None,
            files: Vec::new(),
            active: 0,
            journal: playground.journal().clone(),
        }
    }

    /// The fragment text, without `#`: `s=` and base64url of the JSON.
    pub fn encode(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("{PREFIX}{}", base64url_encode(json.as_bytes()))
    }

    /// Reads a fragment (with or without `#`, or a whole URL). Errors are sentences for the page.
    pub fn decode(link: &str) -> Result<Session, String> {
        if link.len() > MAX_LINK_BYTES {
            return Err(format!("the share link is too long ({} bytes; at most {MAX_LINK_BYTES})", link.len()));
        }
        let fragment = link.rsplit_once('#').map_or(link, |(_, f)| f);
        let Some(data) = fragment.split('&').find_map(|part| part.strip_prefix(PREFIX)) else {
            return Err("this is not a kubeplay share link (no `s=` in its fragment)".into());
        };
        let bytes = base64url_decode(data).ok_or("the share link is damaged (not base64url)")?;
        let text = String::from_utf8(bytes).map_err(|_| "the share link is damaged (not UTF-8)")?;
        let session: Session = serde_json::from_str(&text).map_err(|e| format!("the share link is damaged ({e})"))?;
        if session.v != VERSION {
            return Err(format!("this share link is of format {}, this kubeplay reads format {VERSION}", session.v));
        }
        Ok(session)
    }

    /// The playground the link describes, replayed from its journal.
    pub fn replay(&self, observe: impl FnMut(&Cluster, &[Ran])) -> Playground {
        Playground::replay(self.seed, &self.journal, observe)
    }

    /// The playground and, with the session's lesson, its progress: the journal is replayed up
    /// to where the lesson started, then the rest with the checks watching, as they watched the
    /// learner.
    pub fn restore(&self, lesson: Option<&Lesson>) -> (Playground, Option<Progress>) {
        self.restore_until(lesson, None)
    }

    /// `restore`, stopped at virtual second `until` (the page's rewind). A lesson's setup is
    /// always replayed whole: a rewind goes back at most to the lesson's start.
    pub fn restore_until(&self, lesson: Option<&Lesson>, until: Option<u64>) -> (Playground, Option<Progress>) {
        let (Some(lesson), Some(mark)) = (lesson, self.lesson_mark) else {
            let mut playground = Playground::new(self.seed);
            playground.replay_until(&self.journal, until, &mut |_, _| {});
            return (playground, None);
        };
        let (head, tail) = self.journal.split(mark);
        let mut playground = Playground::replay(self.seed, &head, |_, _| {});
        let mut progress = Progress::start(lesson, &playground);
        playground.replay_until(&tail, until, &mut |cluster, transcript| {
            progress.observe_parts(lesson, cluster, transcript);
        });
        (playground, Some(progress))
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// RFC 4648 §5 base64url, no padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16) | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8) | u32::from(*chunk.get(2).unwrap_or(&0));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url (padding and standard `+/` tolerated); `None` on any other character.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).collect();
        for len in 0..data.len() {
            let encoded = base64url_encode(&data[..len]);
            assert!(!encoded.contains(['+', '/', '=']));
            assert_eq!(base64url_decode(&encoded).as_deref(), Some(&data[..len]), "length {len}");
        }
        assert_eq!(base64url_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url_encode(b"fo"), "Zm8");
        assert_eq!(base64url_decode("Zm8="), Some(b"fo".to_vec()));
        assert_eq!(base64url_decode("Zm8*"), None);
    }

    #[test]
    fn bad_links_are_sentences() {
        assert!(Session::decode("https://x/#lesson=1").unwrap_err().contains("not a kubeplay share link"));
        assert!(Session::decode("#s=@@@").unwrap_err().contains("damaged"));
        assert!(Session::decode(&format!("#s={}", base64url_encode(b"{\"v\":9,\"seed\":1,\"journal\":{\"entries\":[]}}"))).unwrap_err().contains("format 9"));
    }
}
