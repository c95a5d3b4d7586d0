//! HTML → plain text, enough for news pages: drops scripts, styles and tags, turns block
//! elements into line breaks and decodes the common entities. Returns the text and `<title>`.

/// Convert an HTML page to text; the second value is the `<title>` when present.
pub fn to_text(html: &str) -> (String, Option<String>) {
    let mut out = String::with_capacity(html.len() / 2);
    let mut title = None;
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let Some(close) = html[i..].find('>').map(|c| i + c) else {
                break;
            };
            let tag = lower[i + 1..close].trim_start_matches('/');
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let is_end = lower[i + 1..close].starts_with('/');
            if !is_end && (name == "script" || name == "style" || name == "title") {
                let end_tag = format!("</{name}");
                let end = lower[close..]
                    .find(&end_tag)
                    .map_or(html.len(), |e| close + e);
                if name == "title" {
                    title = Some(decode(html[close + 1..end].trim()));
                }
                i = lower[end..].find('>').map_or(html.len(), |g| end + g + 1);
                continue;
            }
            if matches!(
                name.as_str(),
                "p" | "div"
                    | "br"
                    | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "tr"
                    | "article"
                    | "section"
                    | "blockquote"
            ) {
                out.push('\n');
            }
            i = close + 1;
        } else {
            let next = html[i..].find('<').map_or(html.len(), |n| i + n);
            out.push_str(&decode(&html[i..next]));
            i = next;
        }
    }
    // collapse runs of blank lines and spaces
    let mut text = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !text.is_empty() {
            text.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        text.push_str(&line);
    }
    (text, title)
}

fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..semi];
        let rep = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            "rsquo" => Some('’'),
            "lsquo" => Some('‘'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match rep {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn strips_tags_scripts_and_decodes() {
        let (t, title) = super::to_text(
            "<html><head><title>War &amp; Peace</title><script>x<y</script></head><body><p>One&nbsp;two.</p><p>Three &#8211; four</p></body></html>",
        );
        assert_eq!(title.as_deref(), Some("War & Peace"));
        assert_eq!(t, "One two.\n\nThree – four");
    }
}
