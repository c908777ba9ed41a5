//! Letters as RFC 5322 messages (lettre's builder: UTF-8 bodies, encoded
//! headers) and their delivery over SMTP. Credentials come only from the
//! environment (`ROADMAP_SMTP_USER`, `ROADMAP_SMTP_PASSWORD`), never from the
//! command line or the URL.

use super::remind::Letter;
use lettre::message::header::{ContentType, HeaderName, HeaderValue, MIME_VERSION_1_0};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use std::time::Duration;

pub const USER_VAR: &str = "ROADMAP_SMTP_USER";
pub const PASSWORD_VAR: &str = "ROADMAP_SMTP_PASSWORD";
pub const FROM_VAR: &str = "ROADMAP_SMTP_FROM";

/// How long one SMTP conversation may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Parses an address, with or without a display name.
pub fn mailbox(address: &str) -> Result<Mailbox, String> {
    address
        .trim()
        .parse::<Mailbox>()
        .map_err(|e| format!("`{address}`: {e}"))
}

/// A file sent with a letter: its name, its MIME type and its bytes.
#[derive(Debug, Clone)]
pub struct Attached<'a> {
    pub name: &'a str,
    pub mime: &'a str,
    pub bytes: &'a [u8],
}

/// The MIME type of an xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The letter as a message from `from` to its party, with a file attached
/// when one is given.
pub fn message(
    letter: &Letter,
    from: &Mailbox,
    attached: Option<&Attached<'_>>,
) -> Result<Message, String> {
    let email = letter.party.email.as_deref().ok_or("no e-mail address")?;
    // A line break in a name or an address would be a header of its own.
    if let Some(text) = [email, &letter.party.name, &letter.subject]
        .into_iter()
        .find(|t| t.chars().any(char::is_control))
    {
        return Err(format!(
            "`{}` holds a control character",
            text.escape_debug()
        ));
    }
    let to = mailbox(email)?;
    // The party's full name is the display name, unless the address has one.
    let to = if to.name.is_none() {
        Mailbox::new(Some(letter.party.name.clone()), to.email)
    } else {
        to
    };
    let builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(letter.subject.clone())
        .header(MIME_VERSION_1_0)
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ));
    let result = match attached {
        None => builder
            .header(ContentType::TEXT_PLAIN)
            .body(letter.body.clone()),
        Some(file) => {
            let mime = ContentType::parse(file.mime).map_err(|e| e.to_string())?;
            builder.multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(letter.body.clone()))
                    .singlepart(
                        Attachment::new(file.name.to_string()).body(file.bytes.to_vec(), mime),
                    ),
            )
        }
    };
    result.map_err(|e| e.to_string())
}

/// How to reach the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub security: Security,
    pub host: String,
    pub port: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: no encryption (a local relay, a test server).
    Plain,
    /// `smtp+starttls://`: STARTTLS, required.
    StartTls,
    /// `smtps://`: TLS from the first byte.
    Tls,
}

/// Parses `smtp://host:port`, `smtp+starttls://host:port` or
/// `smtps://host:port` (ports 25, 587 and 465 by default). A URL with a user
/// or password in it is refused: credentials come from the environment.
pub fn parse_url(url: &str) -> Result<Server, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("`{url}` is not an SMTP URL (smtp://host:port)"))?;
    let (security, default_port) = match scheme.to_ascii_lowercase().as_str() {
        "smtp" => (Security::Plain, 25),
        "smtp+starttls" => (Security::StartTls, 587),
        "smtps" => (Security::Tls, 465),
        other => {
            return Err(format!(
                "unknown scheme `{other}`: use smtp://, smtp+starttls:// or smtps://"
            ))
        }
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Err(format!(
            "put no credentials in the URL: set {USER_VAR} and {PASSWORD_VAR}"
        ));
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (host, after) = bracketed
            .split_once(']')
            .ok_or_else(|| format!("`{url}`: unclosed `[`"))?;
        (host.to_string(), after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(format!("`{url}` names no host"));
    }
    let port = match port {
        None | Some("") => default_port,
        Some(p) => p
            .parse()
            .map_err(|_| format!("`{p}` is not a port number"))?,
    };
    Ok(Server {
        security,
        host,
        port,
    })
}

/// A transport to `server`, logging in with the environment's credentials
/// when `ROADMAP_SMTP_USER` is set.
pub fn transport(server: &Server) -> Result<SmtpTransport, String> {
    let builder = match server.security {
        Security::Plain => SmtpTransport::builder_dangerous(server.host.clone()),
        Security::StartTls => {
            SmtpTransport::starttls_relay(&server.host).map_err(|e| e.to_string())?
        }
        Security::Tls => SmtpTransport::relay(&server.host).map_err(|e| e.to_string())?,
    };
    let mut builder = builder.port(server.port).timeout(Some(TIMEOUT));
    if let Some(user) = std::env::var(USER_VAR).ok().filter(|u| !u.is_empty()) {
        let password = std::env::var(PASSWORD_VAR).unwrap_or_default();
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok(builder.build())
}

/// Sends one message.
pub fn send(transport: &SmtpTransport, message: &Message) -> Result<(), String> {
    transport.send(message).map(|_| ()).map_err(|e| {
        let mut text = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            text.push_str(&format!(": {s}"));
            source = s.source();
        }
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            parse_url("smtp://127.0.0.1:2525").unwrap(),
            Server {
                security: Security::Plain,
                host: "127.0.0.1".into(),
                port: 2525
            }
        );
        let s = parse_url("smtp+starttls://mail.example.org").unwrap();
        assert_eq!((s.security, s.port), (Security::StartTls, 587));
        assert_eq!(parse_url("smtps://[::1]:465/").unwrap().host, "::1");
        assert!(parse_url("smtp://user:secret@host:25")
            .unwrap_err()
            .contains(USER_VAR));
        assert!(parse_url("http://host").is_err());
        assert!(parse_url("smtp://:25").is_err());
    }
}
