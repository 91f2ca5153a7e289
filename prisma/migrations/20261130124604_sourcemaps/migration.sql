-- Source maps (issue 16): sentry-cli upload chunks, assemble status, artifact bundles, their projects and files.
-- Bundle files are extracted at assembly so a lookup never unzips (PostgreSQL TOAST compresses the bytea).
-- CreateTable
CREATE TABLE "UploadChunk" (
    "orgId" INTEGER NOT NULL,
    "sha1" CHAR(40) NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UploadChunk_pkey" PRIMARY KEY ("orgId","sha1")
);

-- CreateTable
CREATE TABLE "AssembleStatus" (
    "orgId" INTEGER NOT NULL,
    "checksum" CHAR(40) NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssembleStatus_pkey" PRIMARY KEY ("orgId","checksum")
);

-- CreateTable
CREATE TABLE "ArtifactBundle" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'artifact_bundle',
    "bundleId" UUID,
    "checksum" CHAR(40),
    "release" TEXT,
    "dist" TEXT NOT NULL DEFAULT '',
    "fileCount" INTEGER NOT NULL DEFAULT 0,
    "size" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArtifactBundle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArtifactBundleProject" (
    "bundleId" INTEGER NOT NULL,
    "projectId" INTEGER NOT NULL,

    CONSTRAINT "ArtifactBundleProject_pkey" PRIMARY KEY ("bundleId","projectId")
);

-- CreateTable
CREATE TABLE "ArtifactFile" (
    "id" SERIAL NOT NULL,
    "bundleId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "debugId" UUID,
    "sourcemapRef" TEXT,
    "sha1" CHAR(40) NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,

    CONSTRAINT "ArtifactFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UploadChunk_createdAt_idx" ON "UploadChunk"("createdAt");

-- CreateIndex
CREATE INDEX "AssembleStatus_updatedAt_idx" ON "AssembleStatus"("updatedAt");

-- CreateIndex
CREATE INDEX "ArtifactBundle_orgId_release_dist_idx" ON "ArtifactBundle"("orgId", "release", "dist");

-- CreateIndex
CREATE INDEX "ArtifactBundle_createdAt_idx" ON "ArtifactBundle"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactBundle_orgId_checksum_key" ON "ArtifactBundle"("orgId", "checksum");

-- CreateIndex
CREATE INDEX "ArtifactBundleProject_projectId_bundleId_idx" ON "ArtifactBundleProject"("projectId", "bundleId" DESC);

-- CreateIndex
CREATE INDEX "ArtifactFile_debugId_type_idx" ON "ArtifactFile"("debugId", "type");

-- CreateIndex
CREATE INDEX "ArtifactFile_bundleId_url_idx" ON "ArtifactFile"("bundleId", "url");

-- AddForeignKey
ALTER TABLE "UploadChunk" ADD CONSTRAINT "UploadChunk_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssembleStatus" ADD CONSTRAINT "AssembleStatus_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactBundle" ADD CONSTRAINT "ArtifactBundle_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactBundleProject" ADD CONSTRAINT "ArtifactBundleProject_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "ArtifactBundle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactBundleProject" ADD CONSTRAINT "ArtifactBundleProject_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArtifactFile" ADD CONSTRAINT "ArtifactFile_bundleId_fkey" FOREIGN KEY ("bundleId") REFERENCES "ArtifactBundle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

