using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sipas.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoCascades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_administrative_units_administrative_units_successor_code",
                schema: "sipas",
                table: "administrative_units");

            migrationBuilder.DropForeignKey(
                name: "fk_agencies_administrative_units_unit_code",
                schema: "sipas",
                table: "agencies");

            migrationBuilder.DropForeignKey(
                name: "fk_agencies_agencies_successor_id",
                schema: "sipas",
                table: "agencies");

            migrationBuilder.DropForeignKey(
                name: "fk_assignments_administrative_units_unit_code",
                schema: "sipas",
                table: "assignments");

            migrationBuilder.DropForeignKey(
                name: "fk_assignments_users_user_id",
                schema: "sipas",
                table: "assignments");

            migrationBuilder.DropForeignKey(
                name: "fk_assignments_waves_wave_id",
                schema: "sipas",
                table: "assignments");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_administrative_units_unit_code",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_responses_response_id",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_users_surveyor_id",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_waves_wave_id",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_fieldwork_strata_waves_wave_id",
                schema: "sipas",
                table: "fieldwork_strata");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_administrative_units_unit_code",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_agencies_agency_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_paper_keyings_superseded_by",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_questionnaires_questionnaire_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_responses_response_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_service_areas_area_code",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_users_keyed_by",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_waves_wave_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_responses_administrative_units_unit_code",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropForeignKey(
                name: "fk_responses_agencies_agency_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropForeignKey(
                name: "fk_responses_questionnaires_questionnaire_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropForeignKey(
                name: "fk_responses_service_areas_area_code",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropForeignKey(
                name: "fk_responses_service_points_service_point_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropForeignKey(
                name: "fk_responses_waves_wave_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropForeignKey(
                name: "fk_service_points_administrative_units_unit_code",
                schema: "sipas",
                table: "service_points");

            migrationBuilder.DropForeignKey(
                name: "fk_service_points_agencies_agency_id",
                schema: "sipas",
                table: "service_points");

            migrationBuilder.DropForeignKey(
                name: "fk_service_points_service_areas_area_code",
                schema: "sipas",
                table: "service_points");

            migrationBuilder.DropForeignKey(
                name: "fk_snapshots_snapshots_supersedes_id",
                schema: "sipas",
                table: "snapshots");

            migrationBuilder.DropForeignKey(
                name: "fk_snapshots_waves_wave_id",
                schema: "sipas",
                table: "snapshots");

            migrationBuilder.DropForeignKey(
                name: "fk_targets_targets_superseded_by_id",
                schema: "sipas",
                table: "targets");

            migrationBuilder.DropForeignKey(
                name: "fk_webhook_deliveries_client_systems_client_id",
                schema: "sipas",
                table: "webhook_deliveries");

            migrationBuilder.DropForeignKey(
                name: "fk_webhook_deliveries_snapshots_snapshot_id",
                schema: "sipas",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_responses_agency_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_responses_area_code",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_responses_questionnaire_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_responses_service_point_id",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_responses_unit_code",
                schema: "sipas",
                table: "responses");

            migrationBuilder.CreateIndex(
                name: "ix_responses_entered_by_submitted_at",
                schema: "sipas",
                table: "responses",
                columns: new[] { "entered_by", "submitted_at" },
                filter: "entered_by IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_responses_surveyor_forms",
                schema: "sipas",
                table: "responses",
                columns: new[] { "wave_id", "questionnaire_id", "received_at" },
                filter: "channel IN ('paper', 'interview', 'import') AND superseded_by IS NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_administrative_units_administrative_units_successor_code",
                schema: "sipas",
                table: "administrative_units",
                column: "successor_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_agencies_administrative_units_unit_code",
                schema: "sipas",
                table: "agencies",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_agencies_agencies_successor_id",
                schema: "sipas",
                table: "agencies",
                column: "successor_id",
                principalSchema: "sipas",
                principalTable: "agencies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_assignments_administrative_units_unit_code",
                schema: "sipas",
                table: "assignments",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_assignments_users_user_id",
                schema: "sipas",
                table: "assignments",
                column: "user_id",
                principalSchema: "sipas",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_assignments_waves_wave_id",
                schema: "sipas",
                table: "assignments",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_administrative_units_unit_code",
                schema: "sipas",
                table: "contact_attempts",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_responses_response_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "response_id",
                principalSchema: "sipas",
                principalTable: "responses",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_users_surveyor_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "surveyor_id",
                principalSchema: "sipas",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_waves_wave_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_fieldwork_strata_waves_wave_id",
                schema: "sipas",
                table: "fieldwork_strata",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_administrative_units_unit_code",
                schema: "sipas",
                table: "paper_keyings",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_agencies_agency_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "agency_id",
                principalSchema: "sipas",
                principalTable: "agencies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_paper_keyings_superseded_by",
                schema: "sipas",
                table: "paper_keyings",
                column: "superseded_by",
                principalSchema: "sipas",
                principalTable: "paper_keyings",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_questionnaires_questionnaire_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "questionnaire_id",
                principalSchema: "sipas",
                principalTable: "questionnaires",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_responses_response_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "response_id",
                principalSchema: "sipas",
                principalTable: "responses",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_service_areas_area_code",
                schema: "sipas",
                table: "paper_keyings",
                column: "area_code",
                principalSchema: "sipas",
                principalTable: "service_areas",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_users_keyed_by",
                schema: "sipas",
                table: "paper_keyings",
                column: "keyed_by",
                principalSchema: "sipas",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_waves_wave_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_service_points_administrative_units_unit_code",
                schema: "sipas",
                table: "service_points",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_service_points_agencies_agency_id",
                schema: "sipas",
                table: "service_points",
                column: "agency_id",
                principalSchema: "sipas",
                principalTable: "agencies",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_service_points_service_areas_area_code",
                schema: "sipas",
                table: "service_points",
                column: "area_code",
                principalSchema: "sipas",
                principalTable: "service_areas",
                principalColumn: "code",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_snapshots_snapshots_supersedes_id",
                schema: "sipas",
                table: "snapshots",
                column: "supersedes_id",
                principalSchema: "sipas",
                principalTable: "snapshots",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_snapshots_waves_wave_id",
                schema: "sipas",
                table: "snapshots",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_targets_targets_superseded_by_id",
                schema: "sipas",
                table: "targets",
                column: "superseded_by_id",
                principalSchema: "sipas",
                principalTable: "targets",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_webhook_deliveries_client_systems_client_id",
                schema: "sipas",
                table: "webhook_deliveries",
                column: "client_id",
                principalSchema: "sipas",
                principalTable: "client_systems",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_webhook_deliveries_snapshots_snapshot_id",
                schema: "sipas",
                table: "webhook_deliveries",
                column: "snapshot_id",
                principalSchema: "sipas",
                principalTable: "snapshots",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The responses keep no foreign keys (the intake resolves every reference before writing); this trigger on each
            // parent table gives what they gave besides: a parent row that responses refer to can be neither deleted nor
            // re-keyed (restrict, never cascade). Deleting such parents is a rare admin act: a lookup per deleted row.
            migrationBuilder.Sql("""
                CREATE FUNCTION sipas.keep_responses() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    used boolean;
                    same boolean;
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        EXECUTE format('SELECT ($1).%I IS NOT DISTINCT FROM ($2).%I', TG_ARGV[1], TG_ARGV[1]) INTO same USING OLD, NEW;
                        IF same THEN RETURN NEW; END IF;
                    END IF;
                    EXECUTE format('SELECT EXISTS (SELECT 1 FROM sipas.responses WHERE %I = ($1).%I)', TG_ARGV[0], TG_ARGV[1]) INTO used USING OLD;
                    IF used THEN
                        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
                            MESSAGE = format('Có phiếu trả lời tham chiếu %s: không xóa hay đổi mã được / Responses refer to this %s row: it cannot be deleted or re-keyed',
                                TG_TABLE_NAME, TG_TABLE_NAME);
                    END IF;
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END $$;
                CREATE TRIGGER keep_responses BEFORE DELETE OR UPDATE OF id ON sipas.waves
                    FOR EACH ROW EXECUTE FUNCTION sipas.keep_responses('wave_id', 'id');
                CREATE TRIGGER keep_responses BEFORE DELETE OR UPDATE OF id ON sipas.questionnaires
                    FOR EACH ROW EXECUTE FUNCTION sipas.keep_responses('questionnaire_id', 'id');
                CREATE TRIGGER keep_responses BEFORE DELETE OR UPDATE OF id ON sipas.agencies
                    FOR EACH ROW EXECUTE FUNCTION sipas.keep_responses('agency_id', 'id');
                CREATE TRIGGER keep_responses BEFORE DELETE OR UPDATE OF code ON sipas.service_areas
                    FOR EACH ROW EXECUTE FUNCTION sipas.keep_responses('area_code', 'code');
                CREATE TRIGGER keep_responses BEFORE DELETE OR UPDATE OF code ON sipas.administrative_units
                    FOR EACH ROW EXECUTE FUNCTION sipas.keep_responses('unit_code', 'code');
                CREATE TRIGGER keep_responses BEFORE DELETE OR UPDATE OF id ON sipas.service_points
                    FOR EACH ROW EXECUTE FUNCTION sipas.keep_responses('service_point_id', 'id');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER keep_responses ON sipas.waves;
                DROP TRIGGER keep_responses ON sipas.questionnaires;
                DROP TRIGGER keep_responses ON sipas.agencies;
                DROP TRIGGER keep_responses ON sipas.service_areas;
                DROP TRIGGER keep_responses ON sipas.administrative_units;
                DROP TRIGGER keep_responses ON sipas.service_points;
                DROP FUNCTION sipas.keep_responses();
                """);
            migrationBuilder.DropForeignKey(
                name: "fk_administrative_units_administrative_units_successor_code",
                schema: "sipas",
                table: "administrative_units");

            migrationBuilder.DropForeignKey(
                name: "fk_agencies_administrative_units_unit_code",
                schema: "sipas",
                table: "agencies");

            migrationBuilder.DropForeignKey(
                name: "fk_agencies_agencies_successor_id",
                schema: "sipas",
                table: "agencies");

            migrationBuilder.DropForeignKey(
                name: "fk_assignments_administrative_units_unit_code",
                schema: "sipas",
                table: "assignments");

            migrationBuilder.DropForeignKey(
                name: "fk_assignments_users_user_id",
                schema: "sipas",
                table: "assignments");

            migrationBuilder.DropForeignKey(
                name: "fk_assignments_waves_wave_id",
                schema: "sipas",
                table: "assignments");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_administrative_units_unit_code",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_responses_response_id",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_users_surveyor_id",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_contact_attempts_waves_wave_id",
                schema: "sipas",
                table: "contact_attempts");

            migrationBuilder.DropForeignKey(
                name: "fk_fieldwork_strata_waves_wave_id",
                schema: "sipas",
                table: "fieldwork_strata");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_administrative_units_unit_code",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_agencies_agency_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_paper_keyings_superseded_by",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_questionnaires_questionnaire_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_responses_response_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_service_areas_area_code",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_users_keyed_by",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_paper_keyings_waves_wave_id",
                schema: "sipas",
                table: "paper_keyings");

            migrationBuilder.DropForeignKey(
                name: "fk_service_points_administrative_units_unit_code",
                schema: "sipas",
                table: "service_points");

            migrationBuilder.DropForeignKey(
                name: "fk_service_points_agencies_agency_id",
                schema: "sipas",
                table: "service_points");

            migrationBuilder.DropForeignKey(
                name: "fk_service_points_service_areas_area_code",
                schema: "sipas",
                table: "service_points");

            migrationBuilder.DropForeignKey(
                name: "fk_snapshots_snapshots_supersedes_id",
                schema: "sipas",
                table: "snapshots");

            migrationBuilder.DropForeignKey(
                name: "fk_snapshots_waves_wave_id",
                schema: "sipas",
                table: "snapshots");

            migrationBuilder.DropForeignKey(
                name: "fk_targets_targets_superseded_by_id",
                schema: "sipas",
                table: "targets");

            migrationBuilder.DropForeignKey(
                name: "fk_webhook_deliveries_client_systems_client_id",
                schema: "sipas",
                table: "webhook_deliveries");

            migrationBuilder.DropForeignKey(
                name: "fk_webhook_deliveries_snapshots_snapshot_id",
                schema: "sipas",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_responses_entered_by_submitted_at",
                schema: "sipas",
                table: "responses");

            migrationBuilder.DropIndex(
                name: "ix_responses_surveyor_forms",
                schema: "sipas",
                table: "responses");

            migrationBuilder.CreateIndex(
                name: "ix_responses_agency_id",
                schema: "sipas",
                table: "responses",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_responses_area_code",
                schema: "sipas",
                table: "responses",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_responses_questionnaire_id",
                schema: "sipas",
                table: "responses",
                column: "questionnaire_id");

            migrationBuilder.CreateIndex(
                name: "ix_responses_service_point_id",
                schema: "sipas",
                table: "responses",
                column: "service_point_id");

            migrationBuilder.CreateIndex(
                name: "ix_responses_unit_code",
                schema: "sipas",
                table: "responses",
                column: "unit_code");

            migrationBuilder.AddForeignKey(
                name: "fk_administrative_units_administrative_units_successor_code",
                schema: "sipas",
                table: "administrative_units",
                column: "successor_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code");

            migrationBuilder.AddForeignKey(
                name: "fk_agencies_administrative_units_unit_code",
                schema: "sipas",
                table: "agencies",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code");

            migrationBuilder.AddForeignKey(
                name: "fk_agencies_agencies_successor_id",
                schema: "sipas",
                table: "agencies",
                column: "successor_id",
                principalSchema: "sipas",
                principalTable: "agencies",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_assignments_administrative_units_unit_code",
                schema: "sipas",
                table: "assignments",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code");

            migrationBuilder.AddForeignKey(
                name: "fk_assignments_users_user_id",
                schema: "sipas",
                table: "assignments",
                column: "user_id",
                principalSchema: "sipas",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_assignments_waves_wave_id",
                schema: "sipas",
                table: "assignments",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_administrative_units_unit_code",
                schema: "sipas",
                table: "contact_attempts",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code");

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_responses_response_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "response_id",
                principalSchema: "sipas",
                principalTable: "responses",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_users_surveyor_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "surveyor_id",
                principalSchema: "sipas",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_contact_attempts_waves_wave_id",
                schema: "sipas",
                table: "contact_attempts",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_fieldwork_strata_waves_wave_id",
                schema: "sipas",
                table: "fieldwork_strata",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_administrative_units_unit_code",
                schema: "sipas",
                table: "paper_keyings",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code");

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_agencies_agency_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "agency_id",
                principalSchema: "sipas",
                principalTable: "agencies",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_paper_keyings_superseded_by",
                schema: "sipas",
                table: "paper_keyings",
                column: "superseded_by",
                principalSchema: "sipas",
                principalTable: "paper_keyings",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_questionnaires_questionnaire_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "questionnaire_id",
                principalSchema: "sipas",
                principalTable: "questionnaires",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_responses_response_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "response_id",
                principalSchema: "sipas",
                principalTable: "responses",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_service_areas_area_code",
                schema: "sipas",
                table: "paper_keyings",
                column: "area_code",
                principalSchema: "sipas",
                principalTable: "service_areas",
                principalColumn: "code",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_users_keyed_by",
                schema: "sipas",
                table: "paper_keyings",
                column: "keyed_by",
                principalSchema: "sipas",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_paper_keyings_waves_wave_id",
                schema: "sipas",
                table: "paper_keyings",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_responses_administrative_units_unit_code",
                schema: "sipas",
                table: "responses",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code");

            migrationBuilder.AddForeignKey(
                name: "fk_responses_agencies_agency_id",
                schema: "sipas",
                table: "responses",
                column: "agency_id",
                principalSchema: "sipas",
                principalTable: "agencies",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_responses_questionnaires_questionnaire_id",
                schema: "sipas",
                table: "responses",
                column: "questionnaire_id",
                principalSchema: "sipas",
                principalTable: "questionnaires",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_responses_service_areas_area_code",
                schema: "sipas",
                table: "responses",
                column: "area_code",
                principalSchema: "sipas",
                principalTable: "service_areas",
                principalColumn: "code",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_responses_service_points_service_point_id",
                schema: "sipas",
                table: "responses",
                column: "service_point_id",
                principalSchema: "sipas",
                principalTable: "service_points",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_responses_waves_wave_id",
                schema: "sipas",
                table: "responses",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_service_points_administrative_units_unit_code",
                schema: "sipas",
                table: "service_points",
                column: "unit_code",
                principalSchema: "sipas",
                principalTable: "administrative_units",
                principalColumn: "code");

            migrationBuilder.AddForeignKey(
                name: "fk_service_points_agencies_agency_id",
                schema: "sipas",
                table: "service_points",
                column: "agency_id",
                principalSchema: "sipas",
                principalTable: "agencies",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_service_points_service_areas_area_code",
                schema: "sipas",
                table: "service_points",
                column: "area_code",
                principalSchema: "sipas",
                principalTable: "service_areas",
                principalColumn: "code",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_snapshots_snapshots_supersedes_id",
                schema: "sipas",
                table: "snapshots",
                column: "supersedes_id",
                principalSchema: "sipas",
                principalTable: "snapshots",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_snapshots_waves_wave_id",
                schema: "sipas",
                table: "snapshots",
                column: "wave_id",
                principalSchema: "sipas",
                principalTable: "waves",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_targets_targets_superseded_by_id",
                schema: "sipas",
                table: "targets",
                column: "superseded_by_id",
                principalSchema: "sipas",
                principalTable: "targets",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_webhook_deliveries_client_systems_client_id",
                schema: "sipas",
                table: "webhook_deliveries",
                column: "client_id",
                principalSchema: "sipas",
                principalTable: "client_systems",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_webhook_deliveries_snapshots_snapshot_id",
                schema: "sipas",
                table: "webhook_deliveries",
                column: "snapshot_id",
                principalSchema: "sipas",
                principalTable: "snapshots",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
