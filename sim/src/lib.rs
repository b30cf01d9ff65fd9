//! pletor-sim: placeholder until the simulator lands.
