# Batys Tracker production image: Next standalone server, run as a non-root user; migrations, reference data and
# the catalog are applied at every start (idempotent, under PostgreSQL locks, so several replicas may start at once).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --ignore-scripts && PRISMA_SCHEMA_ENGINE_BINARY=/bin/false npx prisma generate

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 BATYS_STANDALONE=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
COPY --from=deps /app/lib/generated ./lib/generated
RUN npx next build && npm run build:deploy-scripts

FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 CHROMIUM_PATH=/usr/bin/chromium
# Debian's Chromium prints report PDFs on the server; fonts-noto covers Kazakh letters in them.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-core && rm -rf /var/lib/apt/lists/* \
  && groupadd --system batys && useradd --system --gid batys --home /app batys
COPY --from=prod-deps --chown=batys:batys /app/node_modules ./node_modules
COPY --from=build --chown=batys:batys /app/.next/standalone ./
COPY --from=build --chown=batys:batys /app/.next/static ./.next/static
COPY --from=build --chown=batys:batys /app/dist ./dist
COPY --from=build --chown=batys:batys /app/prisma ./prisma
COPY --from=build --chown=batys:batys /app/messages ./messages
USER batys
EXPOSE 3000
# Migrations as the owner role (MIGRATION_DATABASE_URL), then the server as the app role (DATABASE_URL), which
# owns nothing and holds data grants only; the server process does not even see the owner's URL.
CMD ["sh", "-c", "node --conditions=react-server dist/prepare-deployment.mjs && exec env -u MIGRATION_DATABASE_URL node server.js"]
