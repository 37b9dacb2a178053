# Image of the web service: `docker build -t deepsentiment .` then
#   docker run -p 8080:8080 -v deepsentiment-data:/app/data deepsentiment
# The volume keeps the hashtag analyses (SQLite in /app/data) when the container is replaced; with
# DATABASE_URL set (PostgreSQL) none is needed. x86-64 only: the jar carries PyTorch's
# linux-x86_64 library; on an ARM machine build and run with --platform linux/amd64.

# --- Stage 1: build the jar ------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# The dependencies (PyTorch's native library alone is over 100 MB) change far less often than the
# code: resolving them in a layer of their own lets a code change rebuild from the next step.
COPY pom.xml .
COPY model/pom.xml model/
COPY app/pom.xml app/
COPY spark/pom.xml spark/
RUN mvn -B -q -pl app -am dependency:go-offline
# Only the main sources of the two modules the service is made of (model, app): the jar needs no
# tests, and a test change then keeps the cache.
COPY model/src/main model/src/main
COPY app/src/main app/src/main
RUN mvn -B -DskipTests -pl app -am package

# --- Stage 2: run it ---------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# The base image (Ubuntu) ships curl, which the HEALTHCHECK uses; install it only if a future base
# image drops it, so the usual build needs no package download here.
RUN command -v curl > /dev/null || (apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*)
# A user of its own (uid 10001: Ubuntu images already have uid 1000 `ubuntu`); its home holds DJL's
# cache, where PyTorch's native library is unpacked from the jar.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin deepsentiment
WORKDIR /app
# Same layout as a checkout (app/target/deepsentiment.jar, models/), so the command below is the
# Procfile's web command word for word and `serve` finds the bundled models in ./models.
COPY --from=build /build/app/target/deepsentiment.jar app/target/deepsentiment.jar
COPY models models
# `serve` keeps hashtag analyses in data/deepsentiment.db unless DATABASE_URL is set: the only
# place the service writes, so the only one the user owns (code and models stay read-only to it).
RUN mkdir data && chown deepsentiment data
USER deepsentiment
# Score one text at build time: it proves the image works (engine, models) and unpacks PyTorch's
# native library (about 430 MB) into the image, so containers do not unpack it at every start.
RUN echo "what a wonderful day" | java -Dai.djl.offline=true -jar app/target/deepsentiment.jar predict --model tweets \
    && echo "what a wonderful day" | java -Dai.djl.offline=true -jar app/target/deepsentiment.jar predict --model tweets-accurate

# `serve` listens on $PORT (platforms such as Heroku or Cloud Run set it).
ENV PORT=8080
EXPOSE 8080
# /readyz turns 200 once the models are loaded (about 7 s on 2 cores); the port opens earlier.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/readyz" || exit 1
# The Procfile's web command (ProcfileIT checks they match), through sh so that $PORT and
# $JAVA_OPTS expand; `exec` makes java the process that receives `docker stop`'s SIGTERM, so
# requests in flight finish. The default heap is half the container's memory: the rest is for
# PyTorch's native memory, which lives outside the Java heap.
CMD ["sh", "-c", "exec java ${JAVA_OPTS:--XX:MaxRAMPercentage=50} -Dai.djl.offline=true -jar app/target/deepsentiment.jar serve"]
