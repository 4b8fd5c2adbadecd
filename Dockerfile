# One image for the API and the worker (docker-compose.yml chooses the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# python3/make/g++ build pkcs11js (the PKCS#11 binding) from source.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY workflows workflows
COPY activities activities
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# softhsm2 stands in for a network HSM's PKCS#11 library until the production one is mounted.
RUN apt-get update && apt-get install -y --no-install-recommends softhsm2 openssl && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
