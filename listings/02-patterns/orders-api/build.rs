//! Generates the gRPC service code for `Orders` from a description written
//! in Rust (tonic-build's manual builder), so building needs no `protoc`.
//! The messages themselves are plain structs in `src/grpc.rs`; both follow
//! `orders.proto`, which production code would compile with
//! `tonic-prost-build` instead.

fn main() {
    let get_order = tonic_build::manual::Method::builder()
        .name("get_order")
        .route_name("GetOrder")
        .input_type("crate::grpc::GetOrder")
        .output_type("crate::grpc::Order")
        .codec_path("tonic_prost::ProstCodec")
        .build();
    let service = tonic_build::manual::Service::builder()
        .name("Orders")
        .package("shop")
        .method(get_order)
        .build();
    tonic_build::manual::Builder::new().compile(&[service]);
}
