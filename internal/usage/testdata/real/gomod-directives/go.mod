// The gateway of the payments team.
module example.com/acme/payments-gateway

go 1.24.0

toolchain go1.24.4

godebug (
	default=go1.21
	panicnil=1
)

require (
	github.com/segmentio/kafka-go v0.4.47
	github.com/acme/retry v1.2.0
	golang.org/x/sync v0.10.0
	github.com/acme/internal-auth v0.0.0-00010101000000-000000000000
)

require (
	github.com/klauspost/compress v1.17.11 // indirect
	github.com/pierrec/lz4/v4 v4.1.21 // indirect
	golang.org/x/tools v0.28.0 // indirect
)

tool golang.org/x/tools/cmd/stringer

ignore ./web/node_modules

exclude github.com/segmentio/kafka-go v0.4.46

replace github.com/acme/retry => github.com/acme-forks/retry v1.2.1-acme.1

replace github.com/acme/internal-auth => ../internal-auth

replace golang.org/x/sync v0.10.0 => golang.org/x/sync v0.11.0

retract (
	v1.0.1 // published by mistake
	[v0.9.0, v0.9.5]
)
