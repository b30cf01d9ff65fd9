# pletor in a container: the static musl binary on a distroless base (CA certificates, a
# non-root user, no shell, no package manager).
#
# The release workflow builds it for linux/amd64 and linux/arm64 from the binaries it just
# released (the `docker` job of .github/workflows/release.yml), laid out as
# dist/linux/<arch>/pletor. To build one locally:
#
#   cargo build --release --locked --bin pletor --target x86_64-unknown-linux-musl
#   mkdir -p dist/linux/amd64
#   cp target/x86_64-unknown-linux-musl/release/pletor dist/linux/amd64/
#   docker build --platform linux/amd64 -t pletor .
#
# Run it with the key in the environment and a folder for the files:
#
#   docker run --rm -e PLETOR_API_KEY -v "$PWD:/work" pletor run AGENT --batch rows.csv -o out
FROM gcr.io/distroless/static-debian12:nonroot

ARG TARGETARCH
COPY --chmod=0755 dist/linux/${TARGETARCH}/pletor /usr/local/bin/pletor

# distroless's `nonroot` user (65532); config, cache and outputs go under its HOME or /work.
USER 65532:65532
ENV HOME=/home/nonroot
WORKDIR /work

ENTRYPOINT ["/usr/local/bin/pletor"]
CMD ["--help"]
