// Included by `pass/evolution_*.rs`: compiles one downstream body twice, in `mod v1` against the
// client generated from `tests/evolution/v1.yaml` and in `mod v2` against the one generated from
// `v2.yaml` (the same API grown). The body names the API `api`.
macro_rules! on_v1_and_v2 {
    ($($body:tt)*) => {
        mod v1 {
            use evolution::v1 as api;
            $($body)*
        }

        mod v2 {
            use evolution::v2 as api;
            $($body)*
        }
    };
}
