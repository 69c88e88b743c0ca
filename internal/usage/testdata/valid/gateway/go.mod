module example.com/acme/gateway

go 1.22

require (
	github.com/segmentio/kafka-go v0.4.47
	golang.org/x/text v0.14.0 // indirect
)
