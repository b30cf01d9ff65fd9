//! Streaming uploads and downloads that never lose a byte.
