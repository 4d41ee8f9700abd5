//! Rate limiting: five algorithms on one bursty trace beside governor's
//! GCRA ([`algorithms`], [`trace`]); one limit shared through Redis
//! ([`shared`]); and the limit's HTTP face ([`http`]).

pub mod algorithms;
pub mod http;
pub mod shared;
pub mod trace;
