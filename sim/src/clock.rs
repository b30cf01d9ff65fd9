//! The simulated clock and timestamp formatting.
//!
//! Run lifecycles are derived from this clock, never from timers, so a test can jump it forward
//! (`POST /_sim/clock`) to see each state deterministically. The clock is the wall clock plus an
//! offset that only grows. Timestamps are rendered as RFC 3339 in UTC with microseconds, the way
//! a Pydantic backend prints them.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::sync::lock;

/// Wall time plus an adjustable forward offset.
#[derive(Debug, Default)]
pub struct Clock {
    offset: Mutex<Duration>,
}

impl Clock {
    /// The simulated now.
    pub fn now(&self) -> SystemTime {
        SystemTime::now() + *lock(&self.offset)
    }

    /// Moves simulated time forward and returns the total offset.
    pub fn advance(&self, by: Duration) -> Duration {
        let mut offset = lock(&self.offset);
        *offset += by;
        *offset
    }

    /// How far simulated time is ahead of the wall clock.
    pub fn offset(&self) -> Duration {
        *lock(&self.offset)
    }
}

/// Seconds since the Unix epoch, fractional.
pub fn unix_f64(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// Whole seconds since the Unix epoch, rounded up.
pub fn unix_ceil(t: SystemTime) -> u64 {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// `2026-11-29T12:00:00.123456Z`.
pub fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs();
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        d.subsec_micros()
    )
}

/// Converts days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_formats_known_instants() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000000Z");
        let t = UNIX_EPOCH + Duration::from_micros(1_795_953_600_123_456);
        assert_eq!(rfc3339(t), "2026-11-29T12:00:00.123456Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400);
        assert_eq!(rfc3339(leap), "2000-02-29T00:00:00.000000Z");
    }

    #[test]
    fn unix_ceil_rounds_up_fractions_only() {
        assert_eq!(unix_ceil(UNIX_EPOCH + Duration::from_secs(5)), 5);
        assert_eq!(unix_ceil(UNIX_EPOCH + Duration::from_millis(5_001)), 6);
    }
}
