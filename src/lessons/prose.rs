//! The little markup of lesson prose: paragraphs, `- ` lists, fenced code blocks, and inline
//! `code` and **bold**. Parsed into blocks the page renders as elements (never as HTML, so a
//! lesson file cannot inject markup or script).

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Strong(String),
}

/// A block of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List(Vec<Vec<Inline>>),
    Code(String),
}

/// Splits prose into blocks: blank lines end paragraphs, ``` fences code.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |paragraph: &mut Vec<&str>, items: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(inline(&paragraph.join(" "))));
            paragraph.clear();
        }
        if !items.is_empty() {
            blocks.push(Block::List(items.iter().map(|item| inline(item)).collect()));
            items.clear();
        }
    };
    for line in text.lines() {
        if let Some(lines) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                blocks.push(Block::Code(lines.join("\n")));
                code = None;
            } else {
                lines.push(line);
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut paragraph, &mut items, &mut blocks);
            code = Some(Vec::new());
        } else if trimmed.is_empty() {
            flush(&mut paragraph, &mut items, &mut blocks);
        } else if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            if !paragraph.is_empty() {
                blocks.push(Block::Paragraph(inline(&paragraph.join(" "))));
                paragraph.clear();
            }
            items.push(item.to_string());
        } else if !items.is_empty() && line.starts_with("  ") {
            let last = items.len() - 1;
            items[last] = format!("{} {trimmed}", items[last]);
        } else {
            if !items.is_empty() {
                blocks.push(Block::List(items.iter().map(|item| inline(item)).collect()));
                items.clear();
            }
            paragraph.push(trimmed);
        }
    }
    if let Some(lines) = code {
        blocks.push(Block::Code(lines.join("\n")));
    }
    flush(&mut paragraph, &mut items, &mut blocks);
    blocks
}

/// Splits a line into text, `code` and **strong** runs. Unclosed markers stay text.
pub fn inline(text: &str) -> Vec<Inline> {
    let mut runs = Vec::new();
    let mut rest = text;
    let mut plain = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`') {
            if let Some(end) = after.find('`') {
                if !plain.is_empty() {
                    runs.push(Inline::Text(std::mem::take(&mut plain)));
                }
                runs.push(Inline::Code(after[..end].to_string()));
                rest = &after[end + 1..];
                continue;
            }
        }
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = after.find("**") {
                if !plain.is_empty() {
                    runs.push(Inline::Text(std::mem::take(&mut plain)));
                }
                runs.push(Inline::Strong(after[..end].to_string()));
                rest = &after[end + 2..];
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !plain.is_empty() {
        runs.push(Inline::Text(plain));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_inlines() {
        let blocks = parse("Run `kubectl get pods`\nand look.\n\n- one **two**\n- three\n\n```\nkubectl get rs\n```\n<script>x</script>");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![Inline::Text("Run ".into()), Inline::Code("kubectl get pods".into()), Inline::Text(" and look.".into())]),
                Block::List(vec![vec![Inline::Text("one ".into()), Inline::Strong("two".into())], vec![Inline::Text("three".into())]]),
                Block::Code("kubectl get rs".into()),
                Block::Paragraph(vec![Inline::Text("<script>x</script>".into())]),
            ]
        );
        assert_eq!(inline("a `b"), vec![Inline::Text("a `b".into())]);
        assert_eq!(inline("파드 `web`"), vec![Inline::Text("파드 ".into()), Inline::Code("web".into())]);
    }
}
