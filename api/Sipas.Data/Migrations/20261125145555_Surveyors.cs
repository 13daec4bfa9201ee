using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class Surveyors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assignments",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stratum = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_by = table.Column<Guid>(type: "uuid", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assignments_administrative_units_unit_code",
                        column: x => x.unit_code,
                        principalSchema: "sipas",
                        principalTable: "administrative_units",
                        principalColumn: "code");
                    table.ForeignKey(
                        name: "fk_assignments_users_user_id",
                        column: x => x.user_id,
                        principalSchema: "sipas",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    entity = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    before = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    after = table.Column<JsonDocument>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fieldwork_strata",
                schema: "sipas",
                columns: table => new
                {
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    stratum = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    population = table.Column<long>(type: "bigint", nullable: false),
                    quota = table.Column<int>(type: "integer", nullable: true),
                    quota_method = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fieldwork_strata", x => new { x.wave_id, x.stratum });
                    table.ForeignKey(
                        name: "fk_fieldwork_strata_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "paper_keyings",
                schema: "sipas",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    wave_id = table.Column<int>(type: "integer", nullable: false),
                    questionnaire_id = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    area_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    stratum = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    serial = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    keyed_by = table.Column<Guid>(type: "uuid", nullable: false),
                    keyed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    scores = table.Column<short?[]>(type: "smallint[]", nullable: false),
                    other_answers = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    response_id = table.Column<Guid>(type: "uuid", nullable: true),
                    superseded_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paper_keyings", x => x.id);
                    table.ForeignKey(
                        name: "fk_paper_keyings_administrative_units_unit_code",
                        column: x => x.unit_code,
                        principalSchema: "sipas",
                        principalTable: "administrative_units",
                        principalColumn: "code");
                    table.ForeignKey(
                        name: "fk_paper_keyings_agencies_agency_id",
                        column: x => x.agency_id,
                        principalSchema: "sipas",
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_paper_keyings_paper_keyings_superseded_by",
                        column: x => x.superseded_by,
                        principalSchema: "sipas",
                        principalTable: "paper_keyings",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_paper_keyings_questionnaires_questionnaire_id",
                        column: x => x.questionnaire_id,
                        principalSchema: "sipas",
                        principalTable: "questionnaires",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_paper_keyings_responses_response_id",
                        column: x => x.response_id,
                        principalSchema: "sipas",
                        principalTable: "responses",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_paper_keyings_service_areas_area_code",
                        column: x => x.area_code,
                        principalSchema: "sipas",
                        principalTable: "service_areas",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_paper_keyings_users_keyed_by",
                        column: x => x.keyed_by,
                        principalSchema: "sipas",
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_paper_keyings_waves_wave_id",
                        column: x => x.wave_id,
                        principalSchema: "sipas",
                        principalTable: "waves",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_unit_code",
                schema: "sipas",
                table: "assignments",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_user_id_wave_id",
                schema: "sipas",
                table: "assignments",
                columns: new[] { "user_id", "wave_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_wave_id",
                schema: "sipas",
                table: "assignments",
                column: "wave_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_entity_id",
                schema: "sipas",
                table: "audit_entries",
                columns: new[] { "entity", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_agency_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_area_code",
                schema: "sipas",
                table: "paper_keyings",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_keyed_by",
                schema: "sipas",
                table: "paper_keyings",
                column: "keyed_by");

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_questionnaire_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "questionnaire_id");

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_response_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "response_id");

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_status_wave_id",
                schema: "sipas",
                table: "paper_keyings",
                columns: new[] { "status", "wave_id" });

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_superseded_by",
                schema: "sipas",
                table: "paper_keyings",
                column: "superseded_by");

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_unit_code",
                schema: "sipas",
                table: "paper_keyings",
                column: "unit_code");

            migrationBuilder.CreateIndex(
                name: "ix_paper_keyings_wave_id_serial_keyed_by",
                schema: "sipas",
                table: "paper_keyings",
                columns: new[] { "wave_id", "serial", "keyed_by" },
                unique: true,
                filter: "superseded_by IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assignments",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "audit_entries",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "fieldwork_strata",
                schema: "sipas");

            migrationBuilder.DropTable(
                name: "paper_keyings",
                schema: "sipas");
        }
    }
}
