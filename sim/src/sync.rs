//! The one locking rule of the simulator, in a file of its own so that every module can use it
//! without importing the shared state.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks a mutex, carrying on after a panic elsewhere: every guarded value stays consistent
/// between statements, so a poisoned lock holds nothing half-written.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
