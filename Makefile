# Group Console — the commands in README.md are the contract; keep them working from a
# fresh clone. Every target installs what it needs first (scripts/setup.sh skips what is there).
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PORT ?= 8080
# Where demo and serve listen. Not HOST: a HOST that the shell exports for something else must
# not decide what the demo is exposed to. Anything but loopback also needs --allow-remote
# (DEMO_FLAGS / SERVE_FLAGS); gc-server refuses it otherwise.
GC_HOST ?= 127.0.0.1
ENV := source scripts/env.sh &&
SERVER := target/debug/gc-server

.PHONY: setup dist demo serve test test-host test-browser test-e2e bench server server-release clean

setup:
	@scripts/setup.sh

## dist: the release build of the console into dist/, ready for a CDN.
dist: setup
	@$(ENV) trunk build --release
	@node scripts/wasm-size.mjs dist

server: setup
	@$(ENV) cargo build -q -p gc-server

# What runs in front of a real platform is a release build (the tests use the debug one).
server-release: setup
	@$(ENV) cargo build -q --release -p gc-server

## demo: build, then serve the console and the API emulator on http://127.0.0.1:$(PORT)
demo: dist server
	@$(SERVER) --host $(GC_HOST) --port $(PORT) --dist dist $(DEMO_FLAGS)

## serve: the console with the API forwarded to a real platform: make serve UPSTREAM=https://eu.api.capillarytech.com
serve: dist server-release
	@test -n "$(UPSTREAM)" || { echo "usage: make serve UPSTREAM=https://eu.api.capillarytech.com [REWARD_UPSTREAM=...]"; exit 2; }
	@target/release/gc-server --host $(GC_HOST) --port $(PORT) --dist dist --upstream "$(UPSTREAM)" $(if $(REWARD_UPSTREAM),--reward-upstream "$(REWARD_UPSTREAM)") $(SERVE_FLAGS)

## test: every test — host, browser components, end to end — then the summaries.
test: dist server
	@scripts/test.sh

test-host: setup
	@$(ENV) cargo test --workspace

test-browser: setup
	@$(ENV) wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver --mode no-install

test-e2e: dist server
	@cd e2e && node --test --test-concurrency=1 tests/

## bench: size, load and rendering figures against their references (not part of test).
bench: dist server
	@STEPS="npm-bench" scripts/setup.sh
	@$(ENV) node bench/run.mjs

clean:
	@$(ENV) cargo clean
	@rm -rf dist
