//! "Did you mean" for misspelt keys and ids.

/// The closest candidate, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let w: Vec<char> = word.chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let cc: Vec<char> = c.chars().collect();
        let d = distance(&w, &cc);
        let limit = (w.len().max(cc.len()) / 3).max(1);
        // Ties go to the smaller string, so the answer never depends on
        // the order candidates come in.
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["chen-jing", "li-na", "wang-fang"];
        assert_eq!(did_you_mean("chen-jin", ids).as_deref(), Some("chen-jing"));
        assert_eq!(did_you_mean("zhang-san", ids), None);
        assert_eq!(
            did_you_mean("deputi", ["deputy", "admin"]).as_deref(),
            Some("deputy")
        );
    }
}
