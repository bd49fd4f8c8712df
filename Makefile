# Thin aliases for the seed's make targets. Every target runs an npm script (see package.json),
# so `make X` and `npm run X` always do the same thing.

.DEFAULT_GOAL := help

.PHONY: help dev-setup dev worker start test test-cov lint format db-init db-reset db-seed \
	generate docker-up docker-down deploy bench

help: ## List the targets
	@echo "Cartwheel — make targets (aliases for npm scripts):"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

dev-setup: ## Install dependencies (npm install)
	npm install

dev: ## API with reload on change + web app with hot reload on :5173 (npm run dev)
	npm run dev

worker: ## Run a worker-only process (npm run worker)
	npm run worker

start: ## Build and start API + worker (npm start)
	npm start

test: ## Run the tests (npm test)
	npm test

test-cov: ## Run the tests with coverage (npm run test:cov)
	npm run test:cov

lint: ## ESLint + Prettier check (npm run lint)
	npm run lint

format: ## Prettier + ESLint --fix (npm run format)
	npm run format

db-init: ## Apply database migrations (npm run db:migrate)
	npm run db:migrate

db-reset: ## Drop everything and migrate again (npm run db:reset)
	npm run db:reset

db-seed: ## Create the demo accounts (npm run db:seed)
	npm run db:seed

generate: ## Write the OpenAPI document and the typed client in packages/client (npm run generate)
	npm run generate

# Containers and Kubernetes (deploy/, docs/operations.md). Not npm scripts: they drive docker and kubectl.
COMPOSE := docker compose -f deploy/docker-compose.yml
API_REPLICAS ?= 2
K8S ?= deploy/k8s/base

docker-up: deploy/.env ## Build the image, start PostgreSQL, Redis, migrations, API (API_REPLICAS=2), worker, proxy
	$(COMPOSE) up -d --build --scale api=$(API_REPLICAS)
	@echo "Cartwheel: http://localhost:$$(sed -n 's/^HTTP_PORT=//p' deploy/.env)  (logs: $(COMPOSE) logs -f)"

docker-down: ## Stop the containers (data stays in the volumes; add -v to the compose command to delete it)
	$(COMPOSE) down

# First docker-up only: the settings file, with generated secrets in place of the CHANGE_ME values.
deploy/.env:
	node -e "const fs = require('fs'), c = require('crypto'); const hex = (n) => c.randomBytes(n).toString('hex'); \
	fs.writeFileSync('deploy/.env', fs.readFileSync('deploy/.env.example', 'utf8') \
	  .replace(/^POSTGRES_PASSWORD=CHANGE_ME$$/m, 'POSTGRES_PASSWORD=' + hex(24)) \
	  .replace(/^JWT_SECRET=CHANGE_ME$$/m, 'JWT_SECRET=' + hex(32)), { mode: 0o600 })"
	@echo "Wrote deploy/.env with generated secrets; edit it to change settings."

deploy: ## Kubernetes: kubectl apply -k deploy/k8s/base (K8S=<overlay dir> for another), wait for migrations
	@# A Job's pod template cannot change: the previous release's migration Job goes first.
	kubectl -n cartwheel delete job migrate --ignore-not-found
	kubectl apply -k $(K8S)
	kubectl -n cartwheel wait --for=condition=complete --timeout=10m job/migrate

bench: ## Run the load benchmarks (npm run bench)
	npm run bench
