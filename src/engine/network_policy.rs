//! NetworkPolicy enforcement on the simulated pod network.
