# waymark in a container, for CI systems that run steps in containers.
#
#   docker build -t waymark .
#   docker run --rm -v "$PWD:/site" waymark check --strict
#   docker run --rm -v "$PWD:/site" waymark build --base-url https://arch.example.com/
#
# The first stage builds a static binary; the second holds it, git (waymark
# dates records that state no date from their first commit) and nothing
# else, and runs as an unprivileged user. Mount the site at /site.

FROM golang:1.26-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/waymark ./cmd/waymark

FROM alpine:3.22
RUN apk add --no-cache git \
 && adduser -D -H -u 10001 waymark \
 && git config --system --add safe.directory /site
COPY --from=build /out/waymark /usr/local/bin/waymark
USER 10001:10001
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/waymark"]
CMD ["help"]
