//! pletor-sim binary: placeholder until the simulator lands.
fn main() {}
