using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class Snapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "snapshots",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    progress = table.Column<int>(type: "integer", nullable: false),
                    phase = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    method_version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    all_channels = table.Column<bool>(type: "boolean", nullable: false),
                    channels = table.Column<string[]>(type: "text[]", nullable: false),
                    frame = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requested_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    data_hash = table.Column<byte[]>(type: "bytea", nullable: true),
                    responses_read = table.Column<int>(type: "integer", nullable: true),
                    responses_counted = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    supersedes_id = table.Column<int>(type: "integer", nullable: true),
                    changes = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    job_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshots", x => x.id);
                    table.CheckConstraint("ck_snapshots_progress", "progress BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_snapshots_snapshots_supersedes_id",
                        column: x => x.supersedes_id,
                        principalSchema: "sipas",
                        principalTable: "snapshots",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_snapshots_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "snapshot_results",
                schema: "sipas",
                columns: table => new
                {
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    indicator = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    group_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    group_code = table.Column<string>(type: "text", nullable: false),
                    section = table.Column<string>(type: "text", nullable: false),
                    item = table.Column<string>(type: "text", nullable: false),
                    n_valid = table.Column<int>(type: "integer", nullable: false),
                    n_positive = table.Column<double>(type: "double precision", nullable: true),
                    estimate = table.Column<double>(type: "double precision", nullable: true),
                    se = table.Column<double>(type: "double precision", nullable: true),
                    ci_low = table.Column<double>(type: "double precision", nullable: true),
                    ci_high = table.Column<double>(type: "double precision", nullable: true),
                    n_eff = table.Column<double>(type: "double precision", nullable: true),
                    flags = table.Column<short>(type: "smallint", nullable: false),
                    n_responses = table.Column<int>(type: "integer", nullable: true),
                    n_valid_responses = table.Column<int>(type: "integer", nullable: true),
                    alpha = table.Column<double>(type: "double precision", nullable: true),
                    n_complete = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshot_results", x => new { x.snapshot_id, x.channel, x.indicator, x.group_type, x.group_code, x.section, x.item });
                    table.ForeignKey(
                        name: "fk_snapshot_results_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalSchema: "sipas",
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "snapshot_verdicts",
                schema: "sipas",
                columns: table => new
                {
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    indicator = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    target_id = table.Column<int>(type: "integer", nullable: false),
                    group_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    group_code = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comparator = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    threshold = table.Column<double>(type: "double precision", nullable: false),
                    estimate = table.Column<double>(type: "double precision", nullable: true),
                    ci_low = table.Column<double>(type: "double precision", nullable: true),
                    ci_high = table.Column<double>(type: "double precision", nullable: true),
                    met = table.Column<bool>(type: "boolean", nullable: true),
                    certain = table.Column<bool>(type: "boolean", nullable: true),
                    display = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshot_verdicts", x => new { x.snapshot_id, x.indicator });
                    table.ForeignKey(
                        name: "fk_snapshot_verdicts_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalSchema: "sipas",
                        principalTable: "snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_snapshot_verdicts_targets_target_id",
                        column: x => x.target_id,
                        principalSchema: "sipas",
                        principalTable: "targets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_snapshot_verdicts_target_id",
                schema: "sipas",
                table: "snapshot_verdicts",
                column: "target_id");

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_supersedes_id",
                schema: "sipas",
                table: "snapshots",
                column: "supersedes_id");

            migrationBuilder.CreateIndex(
                name: "ix_snapshots_wave_id_requested_at",
                schema: "sipas",
                table: "snapshots",
                columns: new[] { "wave_id", "requested_at" });

            // Backstop for SipasDb's guard: a published snapshot and its rows never change.
            migrationBuilder.Sql("""
                CREATE FUNCTION sipas.snapshots_immutable_when_published() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD.published_at IS NOT NULL THEN
                        RAISE EXCEPTION 'snapshot % is published and cannot be changed', OLD.id
                            USING ERRCODE = 'check_violation';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER snapshots_immutable_when_published
                    BEFORE UPDATE OR DELETE ON sipas.snapshots
                    FOR EACH ROW EXECUTE FUNCTION sipas.snapshots_immutable_when_published();

                -- Statement-level with transition tables: one check per COPY or DELETE, not one per row.
                CREATE FUNCTION sipas.snapshot_rows_immutable_when_published() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE snapshot integer;
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        SELECT s.id INTO snapshot FROM sipas.snapshots s
                        WHERE s.published_at IS NOT NULL AND s.id IN (SELECT DISTINCT snapshot_id FROM new_rows) LIMIT 1;
                    ELSIF TG_OP = 'DELETE' THEN
                        SELECT s.id INTO snapshot FROM sipas.snapshots s
                        WHERE s.published_at IS NOT NULL AND s.id IN (SELECT DISTINCT snapshot_id FROM old_rows) LIMIT 1;
                    ELSE
                        SELECT s.id INTO snapshot FROM sipas.snapshots s
                        WHERE s.published_at IS NOT NULL AND s.id IN (
                            SELECT snapshot_id FROM old_rows UNION SELECT snapshot_id FROM new_rows) LIMIT 1;
                    END IF;
                    IF snapshot IS NOT NULL THEN
                        RAISE EXCEPTION 'snapshot % is published: its rows cannot be changed', snapshot
                            USING ERRCODE = 'check_violation';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER snapshot_results_insert_immutable_when_published AFTER INSERT ON sipas.snapshot_results
                    REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                CREATE TRIGGER snapshot_results_update_immutable_when_published AFTER UPDATE ON sipas.snapshot_results
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                CREATE TRIGGER snapshot_results_delete_immutable_when_published AFTER DELETE ON sipas.snapshot_results
                    REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                CREATE TRIGGER snapshot_verdicts_insert_immutable_when_published AFTER INSERT ON sipas.snapshot_verdicts
                    REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                CREATE TRIGGER snapshot_verdicts_update_immutable_when_published AFTER UPDATE ON sipas.snapshot_verdicts
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                CREATE TRIGGER snapshot_verdicts_delete_immutable_when_published AFTER DELETE ON sipas.snapshot_verdicts
                    REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION sipas.snapshot_rows_immutable_when_published();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS snapshot_results_insert_immutable_when_published ON sipas.snapshot_results;
                DROP TRIGGER IF EXISTS snapshot_results_update_immutable_when_published ON sipas.snapshot_results;
                DROP TRIGGER IF EXISTS snapshot_results_delete_immutable_when_published ON sipas.snapshot_results;
                DROP TRIGGER IF EXISTS snapshot_verdicts_insert_immutable_when_published ON sipas.snapshot_verdicts;
                DROP TRIGGER IF EXISTS snapshot_verdicts_update_immutable_when_published ON sipas.snapshot_verdicts;
                DROP TRIGGER IF EXISTS snapshot_verdicts_delete_immutable_when_published ON sipas.snapshot_verdicts;
                DROP TRIGGER IF EXISTS snapshots_immutable_when_published ON sipas.snapshots;
                DROP FUNCTION IF EXISTS sipas.snapshot_rows_immutable_when_published();
                DROP FUNCTION IF EXISTS sipas.snapshots_immutable_when_published();
                """);

            migrationBuilder.DropTable(
                name: "snapshot_results",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "snapshot_verdicts",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "snapshots",
                schema: "sipas");
        }
    }
}
