package main

// projects are the four teams' SBOMs.
func projects() []project {
	mit, apache := "MIT", "Apache-2.0"
	return []project{
		{team: "billing", name: "invoicing", date: day(2026, 11, 24), seed: 11, off: 0, internal: 140,
			fill: map[string]int{"nuget": 12},
			key: []pkg{
				{"nuget", "", "Microsoft.AspNetCore.App.Ref", "8.0.10", mit},
				{"nuget", "", "Dapper", "2.1.35", apache},
				{"nuget", "", "Npgsql", "8.0.5", "PostgreSQL"},
				{"nuget", "", "RestSharp", "112.1.0", apache},
				{"docker", "confluentinc", "cp-kafka-rest", "7.6.1", apache},
				{"docker", "confluentinc", "cp-kafka", "7.6.1", apache},
			}},
		{team: "billing", name: "payment-gateway", date: day(2026, 11, 20), seed: 12, off: 12, internal: 130,
			fill: map[string]int{"nuget": 12},
			key: []pkg{
				{"nuget", "", "Microsoft.AspNetCore.App.Ref", "8.0.10", mit},
				{"nuget", "", "Dapper", "2.1.35", apache},
				{"nuget", "", "Npgsql", "8.0.5", "PostgreSQL"},
				{"nuget", "", "RabbitMQ.Client", "6.8.1", "Apache-2.0 OR MPL-2.0"},
				{"docker", "confluentinc", "cp-kafka-rest", "7.6.1", apache},
			}},
		{team: "erp-integration", name: "order-sync", date: day(2026, 11, 18), seed: 21, off: 24, internal: 100,
			fill: map[string]int{"nuget": 12},
			key: []pkg{
				{"nuget", "", "Microsoft.AspNetCore.App.Ref", "8.0.10", mit},
				{"nuget", "", "RabbitMQ.Client", "6.8.1", "Apache-2.0 OR MPL-2.0"},
				{"nuget", "", "Dapper", "2.1.35", apache},
				{"nuget", "", "SSH.NET", "2024.1.0", mit},
			}},
		{team: "erp-integration", name: "document-service", date: day(2026, 11, 2), seed: 22, off: 36, internal: 85,
			fill: map[string]int{"nuget": 12},
			key: []pkg{
				{"nuget", "", "Microsoft.AspNetCore.App.Ref", "8.0.10", mit},
				{"nuget", "", "itext7", "8.0.5", "AGPL-3.0-only"},
				{"nuget", "", "itext7.bouncy-castle-adapter", "8.0.5", "AGPL-3.0-only"},
				{"nuget", "", "Npgsql", "8.0.5", "PostgreSQL"},
			}},
		{team: "erp-integration", name: "edi-gateway", date: day(2025, 10, 6), seed: 23, off: 48, internal: 75,
			fill: map[string]int{"nuget": 12},
			key: []pkg{
				{"nuget", "", "NHibernate", "5.5.2", "LGPL-2.1-only"},
				{"nuget", "", "MySql.Data", "8.4.0", "GPL-2.0-only WITH Universal-FOSS-exception-1.0"},
				{"nuget", "", "Microsoft.NETCore.App.Ref", "6.0.33", mit},
			}},
		{team: "portal", name: "portal-web", date: day(2026, 11, 27), seed: 31, off: 0, internal: 100,
			fill: map[string]int{"npm": 75},
			key: []pkg{
				{"npm", "", "react", "18.3.1", mit},
				{"npm", "", "react-dom", "18.3.1", mit},
				{"npm", "", "typescript", "5.6.3", apache},
				{"npm", "@tanstack", "react-query", "5.59.16", mit},
				{"npm", "@tanstack", "query-core", "5.59.16", mit},
				{"npm", "@tanstack", "react-table", "8.20.5", mit},
				{"npm", "", "zod", "3.23.8", mit},
			}},
		{team: "portal", name: "portal-admin", date: day(2026, 11, 25), seed: 32, off: 75, internal: 70,
			fill: map[string]int{"npm": 70},
			key: []pkg{
				{"npm", "", "vue", "3.5.12", mit},
				{"npm", "", "typescript", "5.6.3", apache},
				{"npm", "@tanstack", "vue-query", "5.59.16", mit},
				{"npm", "@tanstack", "query-core", "5.59.16", mit},
				{"npm", "", "zod", "3.23.8", mit},
			}},
		{team: "platform", name: "identity", date: day(2026, 11, 30), seed: 41, off: 0, internal: 90,
			fill: map[string]int{"golang": 25},
			key: []pkg{
				{"golang", "github.com/jackc", "pgx/v5", "v5.7.1", mit},
				{"golang", "go.temporal.io", "sdk", "v1.30.0", mit},
				{"golang", "go.temporal.io", "api", "v1.40.0", mit},
				{"docker", "", "postgres", "16.4", "PostgreSQL"},
			}},
		{team: "platform", name: "scheduler", date: day(2026, 11, 29), seed: 42, off: 25, internal: 80,
			fill: map[string]int{"golang": 25},
			key: []pkg{
				{"golang", "github.com/jackc", "pgx/v5", "v5.7.1", mit},
				{"golang", "github.com/rabbitmq", "amqp091-go", "v1.10.0", "BSD-2-Clause"},
				{"golang", "go.temporal.io", "sdk", "v1.30.0", mit},
				{"golang", "go.temporal.io", "api", "v1.40.0", mit},
			}},
	}
}

// ecosystems are widely used open-source packages, filler that makes an
// SBOM the size a real one is.
var ecosystems = map[string][]pkg{
	"nuget":  nugetPackages,
	"npm":    npmPackages,
	"golang": goPackages,
}

func list(typ, licence string, names ...string) []pkg {
	out := make([]pkg, len(names))
	for i, n := range names {
		ns, name := "", n
		if j := lastSlash(n); j >= 0 {
			ns, name = n[:j], n[j+1:]
		}
		out[i] = pkg{typ: typ, ns: ns, name: name, licence: licence}
	}
	return out
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

var nugetPackages = concat(
	list("nuget", "MIT", "Newtonsoft.Json", "Serilog", "Serilog.Sinks.Console", "Serilog.Extensions.Logging", "AutoMapper", "FluentValidation",
		"MediatR", "Polly", "Swashbuckle.AspNetCore", "xunit", "Moq", "FluentAssertions", "Humanizer.Core", "CsvHelper", "Bogus",
		"Scrutor", "Ardalis.GuardClauses", "Spectre.Console", "StackExchange.Redis", "Hangfire.Core", "MassTransit", "NodaTime",
		"Microsoft.Extensions.Http", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
		"Microsoft.Extensions.Options", "Microsoft.Extensions.Caching.Memory", "System.Text.Json", "System.Memory", "System.Buffers",
		"System.Runtime.CompilerServices.Unsafe", "System.Threading.Channels", "System.Diagnostics.DiagnosticSource", "Microsoft.Bcl.AsyncInterfaces",
		"OpenTelemetry", "OpenTelemetry.Exporter.OpenTelemetryProtocol", "OpenTelemetry.Extensions.Hosting", "prometheus-net",
		"BenchmarkDotNet", "Microsoft.Data.SqlClient", "Azure.Core", "Azure.Identity", "Grpc.Net.Client", "Google.Protobuf"),
	list("nuget", "Apache-2.0", "Castle.Core", "log4net", "NodaTime.Serialization.SystemTextJson", "Quartz", "IdentityModel",
		"Microsoft.IdentityModel.Tokens", "System.IdentityModel.Tokens.Jwt", "Elasticsearch.Net", "NEST", "Confluent.SchemaRegistry.Serdes.Avro"),
	list("nuget", "BSD-3-Clause", "protobuf-net", "NUnit", "NUnit3TestAdapter"),
)

var npmPackages = concat(
	list("npm", "MIT", "lodash", "axios", "date-fns", "clsx", "classnames", "uuid", "nanoid", "immer", "zustand", "redux", "@reduxjs/toolkit",
		"react-router", "react-router-dom", "react-hook-form", "@hookform/resolvers", "i18next", "react-i18next", "dayjs", "chalk",
		"commander", "yargs", "debug", "ms", "semver", "glob", "minimatch", "picomatch", "micromatch", "braces", "fill-range", "to-regex-range",
		"is-number", "chokidar", "readdirp", "anymatch", "normalize-path", "fast-glob", "@nodelib/fs.scandir", "@nodelib/fs.stat",
		"@nodelib/fs.walk", "merge2", "fastq", "reusify", "run-parallel", "queue-microtask", "ansi-styles", "supports-color", "has-flag",
		"color-convert", "color-name", "escape-string-regexp", "js-tokens", "loose-envify", "scheduler", "prop-types", "react-is",
		"object-assign", "@babel/runtime", "regenerator-runtime", "@emotion/react", "@emotion/styled", "@emotion/cache", "stylis",
		"@mui/material", "@mui/system", "@mui/utils", "@popperjs/core", "framer-motion", "vite", "esbuild", "rollup", "postcss",
		"autoprefixer", "tailwindcss", "eslint", "prettier", "vitest", "@vitejs/plugin-react", "@testing-library/react",
		"@testing-library/dom", "@testing-library/jest-dom", "jsdom", "msw", "cookie", "qs", "side-channel", "object-inspect",
		"call-bind", "get-intrinsic", "has-symbols", "function-bind", "hasown", "es-errors", "define-data-property", "gopd",
		"mime-types", "mime-db", "form-data", "asynckit", "combined-stream", "delayed-stream", "follow-redirects", "proxy-from-env",
		"pinia", "vue-router", "@vue/reactivity", "@vue/runtime-core", "@vue/runtime-dom", "@vue/shared", "@vue/compiler-sfc",
		"@vue/compiler-dom", "@vue/compiler-core", "estree-walker", "magic-string", "@jridgewell/sourcemap-codec", "source-map-js",
		"entities", "picocolors", "nanoid", "csstype", "@types/react", "@types/react-dom", "@types/node", "undici-types"),
	list("npm", "Apache-2.0", "rxjs", "@opentelemetry/api", "web-vitals", "eslint-visitor-keys", "@humanwhocodes/module-importer"),
	list("npm", "ISC", "lru-cache", "yallist", "once", "wrappy", "inherits", "minimist", "signal-exit", "which", "isexe", "graceful-fs",
		"semver-compare", "fastq-es", "picocolors-es", "electron-to-chromium"),
	list("npm", "BSD-3-Clause", "source-map", "@sinonjs/commons", "esprima"),
	list("npm", "CC-BY-4.0", "caniuse-lite"),
)

var goPackages = concat(
	list("golang", "BSD-3-Clause", "golang.org/x/net", "golang.org/x/sys", "golang.org/x/text", "golang.org/x/sync", "golang.org/x/crypto",
		"golang.org/x/oauth2", "golang.org/x/time", "golang.org/x/exp", "google.golang.org/protobuf", "github.com/google/uuid",
		"github.com/golang/protobuf", "github.com/google/go-cmp", "github.com/gorilla/websocket", "github.com/pmezard/go-difflib"),
	list("golang", "Apache-2.0", "google.golang.org/grpc", "google.golang.org/genproto/googleapis/rpc", "github.com/prometheus/client_golang",
		"github.com/prometheus/common", "github.com/prometheus/procfs", "github.com/prometheus/client_model", "go.opentelemetry.io/otel",
		"go.opentelemetry.io/otel/trace", "go.opentelemetry.io/otel/metric", "github.com/spf13/cobra", "github.com/go-logr/logr",
		"github.com/grpc-ecosystem/grpc-gateway/v2", "github.com/cenkalti/backoff/v4", "github.com/golang/mock"),
	list("golang", "MIT", "github.com/stretchr/testify", "github.com/sirupsen/logrus", "github.com/rs/zerolog", "go.uber.org/zap",
		"go.uber.org/multierr", "github.com/go-chi/chi/v5", "github.com/jackc/pgpassfile", "github.com/jackc/pgservicefile",
		"github.com/jackc/puddle/v2", "github.com/davecgh/go-spew", "github.com/cespare/xxhash/v2", "github.com/beorn7/perks",
		"github.com/spf13/pflag", "github.com/mattn/go-isatty", "github.com/fatih/color", "github.com/robfig/cron/v3",
		"github.com/nexus-rpc/sdk-go", "github.com/facebookgo/clock", "github.com/stretchr/objx"),
	list("golang", "MPL-2.0", "github.com/hashicorp/go-multierror", "github.com/hashicorp/errwrap"),
)

func concat(lists ...[]pkg) []pkg {
	var out []pkg
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
