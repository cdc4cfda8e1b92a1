//! The completion indexes of Indexed Jobs, as `pkg/controller/job/indexed_job_utils.go` keeps
//! them: ordered intervals written as `.status.completedIndexes` (`0-2,4,6,7`), the index of a
//! pod (its `batch.kubernetes.io/job-completion-index` annotation), and the lowest indexes still
//! to run (`firstPendingIndexes`).

use crate::engine::api::pod::Pod;

/// The annotation (and, with PodIndexLabel, the label) that carries a pod's completion index.
pub const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";

/// Ordered, disjoint, non-adjacent intervals of indexes (`orderedIntervals`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intervals(Vec<(usize, usize)>);

impl Intervals {
    /// `parseIndexesFromString`: the intervals of `0-2,4`, up to `completions` (what is beyond
    /// is dropped, a malformed part skipped).
    pub fn parse(text: &str, completions: usize) -> Intervals {
        let mut result: Vec<(usize, usize)> = Vec::new();
        if text.is_empty() {
            return Intervals(result);
        }
        for part in text.split(',') {
            let mut limits = part.split('-');
            let Some(Ok(first)) = limits.next().map(str::parse::<usize>) else { continue };
            if first >= completions {
                break;
            }
            let last = match limits.next() {
                Some(text) => match text.parse::<usize>() {
                    Ok(last) => last.min(completions - 1),
                    Err(_) => continue,
                },
                None => first,
            };
            match result.last_mut() {
                Some(previous) if previous.1 + 1 == first => previous.1 = last,
                _ => result.push((first, last)),
            }
        }
        Intervals(result)
    }

    /// `withOrderedIndexes`: these intervals and the given indexes (in increasing order), merged.
    pub fn with(&self, indexes: &[usize]) -> Intervals {
        let mut all: Vec<(usize, usize)> = self.0.iter().copied().chain(indexes.iter().map(|&i| (i, i))).collect();
        all.sort_unstable();
        let mut result: Vec<(usize, usize)> = Vec::with_capacity(all.len());
        for (first, last) in all {
            match result.last_mut() {
                Some(previous) if first <= previous.1 + 1 => previous.1 = previous.1.max(last),
                _ => result.push((first, last)),
            }
        }
        Intervals(result)
    }

    /// How many indexes the intervals hold.
    pub fn total(&self) -> usize {
        self.0.iter().map(|(first, last)| last - first + 1).sum()
    }

    pub fn has(&self, index: usize) -> bool {
        self.0.iter().any(|&(first, last)| first <= index && index <= last)
    }

    /// `firstPendingIndexes`: up to `count` of the lowest indexes below `completions` that are
    /// neither succeeded (here) nor `active`.
    pub fn first_pending(&self, active: &[usize], count: usize, completions: usize) -> Vec<usize> {
        let taken = self.with(&{
            let mut active = active.to_vec();
            active.sort_unstable();
            active.dedup();
            active
        });
        (0..completions).filter(|index| !taken.has(*index)).take(count).collect()
    }
}

impl std::fmt::Display for Intervals {
    /// `orderedIntervals.String`: `0-2`, but two adjacent indexes as `3,4`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (n, (first, last)) in self.0.iter().enumerate() {
            if n > 0 {
                f.write_str(",")?;
            }
            write!(f, "{first}")?;
            if last > first {
                write!(f, "{}{last}", if *last == first + 1 { "," } else { "-" })?;
            }
        }
        Ok(())
    }
}

/// `getCompletionIndex`: the pod's index from its annotation, if it has a valid one.
pub fn index_of(pod: &Pod) -> Option<usize> {
    pod.metadata.annotations.get(COMPLETION_INDEX)?.parse::<usize>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_parse_merge_and_print_as_the_controller_does() {
        for (text, completions, added, printed, total) in [
            ("", 5, vec![], "", 0),
            ("", 5, vec![0], "0", 1),
            ("", 5, vec![0, 1], "0,1", 2),
            ("0,1", 5, vec![2], "0-2", 3),
            ("0-2", 10, vec![4], "0-2,4", 4),
            ("0-2,4", 10, vec![3], "0-4", 5),
            ("1,3", 10, vec![5, 7], "1,3,5,7", 4),
            // Beyond the completions is dropped; a malformed part is skipped.
            ("0-9", 5, vec![], "0-4", 5),
            ("x,2", 5, vec![], "2", 1),
            ("7", 5, vec![], "", 0),
        ] {
            let merged = Intervals::parse(text, completions).with(&added);
            assert_eq!((merged.to_string().as_str(), merged.total()), (printed, total), "{text} + {added:?}");
        }
    }

    #[test]
    fn the_first_pending_indexes_skip_the_succeeded_and_the_active() {
        let succeeded = Intervals::parse("0,2", 5);
        assert_eq!(succeeded.first_pending(&[], 3, 5), vec![1, 3, 4]);
        assert_eq!(succeeded.first_pending(&[3], 3, 5), vec![1, 4]);
        assert_eq!(succeeded.first_pending(&[1, 3, 4], 3, 5), Vec::<usize>::new());
        assert_eq!(Intervals::default().first_pending(&[], 2, 5), vec![0, 1]);
    }
}
