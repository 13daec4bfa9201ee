using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class Integrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<JsonDocument>(
                name: "integrity",
                schema: "sipas",
                table: "snapshots",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "responses_excluded",
                schema: "sipas",
                table: "snapshots",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "responses_flagged_kept",
                schema: "sipas",
                table: "snapshots",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                schema: "sipas",
                table: "snapshot_results",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                schema: "sipas",
                table: "snapshot_changes",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AddColumn<string>(
                name: "opening_hours",
                schema: "sipas",
                table: "service_points",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "device_hash",
                schema: "sipas",
                table: "responses",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "invitation_id",
                schema: "sipas",
                table: "responses",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review",
                schema: "sipas",
                table: "responses",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "invitations",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<int>(type: "integer", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    questionnaire_id = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    area_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    service_point_id = table.Column<int>(type: "integer", nullable: true),
                    dossier_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    response_id = table.Column<Guid>(type: "uuid", nullable: true),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_invitations_agencies_agency_id",
                        column: x => x.agency_id,
                        principalSchema: "sipas",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invitations_client_systems_client_id",
                        column: x => x.client_id,
                        principalSchema: "sipas",
                        principalTable: "client_systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invitations_questionnaires_questionnaire_id",
                        column: x => x.questionnaire_id,
                        principalSchema: "sipas",
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invitations_service_points_service_point_id",
                        column: x => x.service_point_id,
                        principalSchema: "sipas",
                        principalTable: "service_points",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_invitations_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rate_counters",
                schema: "sipas",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rate_counters", x => new { x.key, x.window_start });
                });

            migrationBuilder.CreateTable(
                name: "response_reviews",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    response_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    decided_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    superseded_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_response_reviews", x => x.id);
                    table.CheckConstraint("ck_response_reviews_decision", "decision IN ('keep', 'exclude')");
                    table.ForeignKey(
                        name: "fk_response_reviews_response_reviews_superseded_by",
                        column: x => x.superseded_by,
                        principalSchema: "sipas",
                        principalTable: "response_reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_response_reviews_responses_response_id",
                        column: x => x.response_id,
                        principalSchema: "sipas",
                        principalTable: "responses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_responses_invitation_id",
                schema: "sipas",
                table: "responses",
                column: "invitation_id",
                unique: true,
                filter: "invitation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_responses_wave_id_dossier_hash",
                schema: "sipas",
                table: "responses",
                columns: new[] { "wave_id", "dossier_hash" },
                filter: "dossier_hash IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_responses_review",
                schema: "sipas",
                table: "responses",
                sql: "review IN ('keep', 'exclude')");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_agency_id",
                schema: "sipas",
                table: "invitations",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_client_id",
                schema: "sipas",
                table: "invitations",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_questionnaire_id",
                schema: "sipas",
                table: "invitations",
                column: "questionnaire_id");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_service_point_id",
                schema: "sipas",
                table: "invitations",
                column: "service_point_id");

            migrationBuilder.CreateIndex(
                name: "ix_invitations_wave_id_dossier_hash",
                schema: "sipas",
                table: "invitations",
                columns: new[] { "wave_id", "dossier_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rate_counters_expires_at",
                schema: "sipas",
                table: "rate_counters",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_response_reviews_response_id",
                schema: "sipas",
                table: "response_reviews",
                column: "response_id",
                unique: true,
                filter: "superseded_by IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_response_reviews_superseded_by",
                schema: "sipas",
                table: "response_reviews",
                column: "superseded_by");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "invitations",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "rate_counters",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "response_reviews",
                schema: "sipas");

            migrationBuilder.DropIndex(
                name: "ix_responses_invitation_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_responses_wave_id_dossier_hash",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropCheckConstraint(
                name: "ck_responses_review",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "integrity",
                schema: "sipas",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "responses_excluded",
                schema: "sipas",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "responses_flagged_kept",
                schema: "sipas",
                table: "snapshots");

            migrationBuilder.DropColumn(
                name: "opening_hours",
                schema: "sipas",
                table: "service_points");

            migrationBuilder.DropColumn(
                name: "device_hash",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "invitation_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropColumn(
                name: "review",
                schema: "sipas",
                table: "responses");

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                schema: "sipas",
                table: "snapshot_results",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<string>(
                name: "channel",
                schema: "sipas",
                table: "snapshot_changes",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);
        }
    }
}
