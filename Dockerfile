# syntax=docker/dockerfile:1
# Build stage: full install (TypeScript), compile to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies only, non-root.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY data ./data
USER node
# The archive is mounted here: docker run -v /path/to/blog-posts:/data:ro ...
VOLUME ["/data"]
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["index", "--archive", "/data"]
