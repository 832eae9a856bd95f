/*
 * The demo's automation: what `parley serve --demo` sets up so that a
 * newcomer can try rules, routing, hours and SLAs from the simulator's
 * phone page, in English and Korean.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation/automation.h"
#include "automation/engine.h"
#include "automation/rules.h"
#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "core/sql.h"

/* Text in Hangul (syllables or jamo): the Korean-routing condition when
 * no language was detected. */
#define HANGUL "\"[\\\\x{AC00}-\\\\x{D7A3}\\\\x{1100}-\\\\x{11FF}]\""

/*
 * The rules, in order. %1$lld is the Support team, %2$lld the Korean
 * Desk, %3$lld the SLA policy.
 */
static const char demo_rules[] =
    "["
    "{\"name\":\"Urgent words raise the priority\",\"event\":"
    "\"message.received\",\"conditions\":{\"field\":\"text\",\"op\":"
    "\"keywords\",\"value\":[\"urgent\",\"asap\",\"긴급\",\"급해요\"]},"
    "\"actions\":[{\"type\":\"set_priority\",\"priority\":3},{\"type\":"
    "\"add_label\",\"label\":\"urgent\"}]},"

    "{\"name\":\"Korean messages go to the Korean Desk\",\"event\":"
    "\"message.received\",\"conditions\":{\"all\":[{\"field\":\"team_id\","
    "\"op\":\"not_equals\",\"value\":%2$lld},{\"any\":[{\"field\":"
    "\"language\",\"op\":\"equals\",\"value\":\"ko\"},{\"field\":\"text\","
    "\"op\":\"matches\",\"value\":" HANGUL "}]}]},\"actions\":[{\"type\":"
    "\"assign\",\"team_id\":%2$lld,\"route\":false}]},"

    "{\"name\":\"Out of hours\",\"event\":\"message.received\","
    "\"reply_period_s\":14400,\"conditions\":{\"field\":\"business_hours\","
    "\"op\":\"is\",\"value\":false},\"actions\":[{\"type\":\"reply\","
    "\"text\":\"Thanks for your message! We are closed right now (Mon-Fri "
    "9:00-18:00 KST) and will answer when we open. / 문의 감사합니다! 지금은 "
    "영업시간(평일 9:00-18:00)이 아닙니다. 영업시간에 답변드리겠습니다.\"}]},"

    "{\"name\":\"Order lookup (English)\",\"event\":\"message.received\","
    "\"stop\":true,\"conditions\":{\"all\":[{\"field\":\"flow_step\",\"op\":"
    "\"equals\",\"value\":\"await_order\"},{\"field\":\"text\",\"op\":"
    "\"matches\",\"value\":\"\\\\b([A-Z]-?\\\\d{4,10})\\\\b\"}]},\"actions\":"
    "[{\"type\":\"reply\",\"text\":\"Order {{match.1}} is on its way. Track "
    "it here: https://track.example.com/{{match.1}}\"},{\"type\":"
    "\"set_step\",\"step\":\"\"}]},"

    "{\"name\":\"주문 조회 (Korean)\",\"event\":\"message.received\","
    "\"stop\":true,\"conditions\":{\"all\":[{\"field\":\"flow_step\",\"op\":"
    "\"equals\",\"value\":\"await_order_ko\"},{\"field\":\"text\",\"op\":"
    "\"matches\",\"value\":\"\\\\b([A-Z]-?\\\\d{4,10})\\\\b\"}]},\"actions\":"
    "[{\"type\":\"reply\",\"text\":\"주문 {{match.1}} 상품이 배송 중입니다. "
    "배송 조회: https://track.example.com/{{match.1}}\"},{\"type\":"
    "\"set_step\",\"step\":\"\"}]},"

    "{\"name\":\"Order number not understood\",\"event\":"
    "\"message.received\",\"stop\":true,\"conditions\":{\"field\":"
    "\"flow_step\",\"op\":\"in\",\"value\":[\"await_order\","
    "\"await_order_ko\"]},\"actions\":[{\"type\":\"reply\",\"text\":\"That "
    "does not look like an order number (e.g. A-1234). Please try again, or "
    "write 'agent'. / 주문 번호 형식이 아닙니다 (예: A-1234). 다시 "
    "보내주시거나 "
    "'상담원'이라고 보내주세요.\"},{\"type\":\"set_step\",\"step\":\"\"}]},"

    "{\"name\":\"Talk to a person\",\"event\":\"message.received\",\"stop\":"
    "true,\"conditions\":{\"any\":[{\"field\":\"reply_id\",\"op\":\"equals\","
    "\"value\":\"talk_person\"},{\"field\":\"text\",\"op\":\"keywords\","
    "\"value\":[\"agent\",\"human\",\"person\",\"representative\"]}]},"
    "\"actions\":[{\"type\":\"reply\",\"text\":\"Connecting you with our "
    "support team, {{contact.name|there}}. One moment please.\"},{\"type\":"
    "\"assign\",\"team_id\":%1$lld},{\"type\":\"apply_sla\",\"policy_id\":"
    "%3$lld}]},"

    "{\"name\":\"상담원 연결 (Korean handoff)\",\"event\":\"message.received\","
    "\"stop\":true,\"conditions\":{\"any\":[{\"field\":\"reply_id\",\"op\":"
    "\"equals\",\"value\":\"talk_person_ko\"},{\"field\":\"text\",\"op\":"
    "\"keywords\",\"value\":[\"상담원\",\"상담사\",\"사람\"]}]},\"actions\":["
    "{\"type\":\"reply\",\"text\":\"한국어 상담팀에 연결해 드리겠습니다. "
    "잠시만 "
    "기다려 주세요.\"},{\"type\":\"assign\",\"team_id\":%2$lld},{\"type\":"
    "\"apply_sla\",\"policy_id\":%3$lld}]},"

    "{\"name\":\"Order status (English)\",\"event\":\"message.received\","
    "\"stop\":true,\"conditions\":{\"any\":[{\"field\":\"reply_id\",\"op\":"
    "\"equals\",\"value\":\"order_status\"},{\"field\":\"intent\",\"op\":"
    "\"equals\",\"value\":\"order_status\"},{\"field\":\"text\",\"op\":"
    "\"keywords\",\"value\":[\"order status\",\"where is my order\","
    "\"track my order\",\"tracking\"]}]},\"actions\":[{\"type\":\"reply\","
    "\"text\":\"Sure! Please send your order number (e.g. A-1234).\"},"
    "{\"type\":\"set_step\",\"step\":\"await_order\"}]},"

    "{\"name\":\"주문 상태 (Korean)\",\"event\":\"message.received\","
    "\"stop\":true,\"conditions\":{\"any\":[{\"field\":\"reply_id\",\"op\":"
    "\"equals\",\"value\":\"order_status_ko\"},{\"field\":\"text\",\"op\":"
    "\"keywords\",\"value\":[\"주문 조회\",\"주문조회\",\"배송\",\"주문 "
    "상태\"]}"
    "]},\"actions\":[{\"type\":\"reply\",\"text\":\"주문 번호를 보내주세요 "
    "(예: A-1234).\"},{\"type\":\"set_step\",\"step\":\"await_order_ko\"}]},"

    "{\"name\":\"Menu (English)\",\"event\":\"message.received\",\"stop\":"
    "true,\"reply_period_s\":60,\"conditions\":{\"all\":[{\"field\":\"text\","
    "\"op\":\"keywords\",\"value\":[\"hi\",\"hello\",\"menu\",\"help\","
    "\"order\",\"start\"]},{\"not\":{\"field\":\"text\",\"op\":\"matches\","
    "\"value\":" HANGUL "}}]},\"actions\":[{\"type\":\"buttons\",\"text\":"
    "\"Hi {{contact.name|there}}! How can we help?\",\"buttons\":[{\"id\":"
    "\"order_status\",\"title\":\"Order status\"},{\"id\":\"talk_person\","
    "\"title\":\"Talk to a person\"}]}]},"

    "{\"name\":\"메뉴 (Korean menu)\",\"event\":\"message.received\","
    "\"stop\":true,\"reply_period_s\":60,\"conditions\":{\"field\":\"text\","
    "\"op\":\"keywords\",\"value\":[\"안녕\",\"메뉴\",\"주문\",\"도움\"]},"
    "\"actions\":[{\"type\":\"buttons\",\"text\":\"안녕하세요! 무엇을 도와"
    "드릴까요?\",\"buttons\":[{\"id\":\"order_status_ko\",\"title\":"
    "\"주문 조회\"},{\"id\":\"talk_person_ko\",\"title\":\"상담원 연결\"}]}]},"

    "{\"name\":\"SLA breached: escalate\",\"event\":\"sla.breached\","
    "\"actions\":[{\"type\":\"set_priority\",\"priority\":4},{\"type\":"
    "\"note\",\"text\":\"SLA breached: escalated to urgent.\"}]},"

    "{\"name\":\"Waiting 10 minutes for the agent\",\"event\":"
    "\"time.no_agent_reply\",\"event_minutes\":10,\"actions\":[{\"type\":"
    "\"note\",\"text\":\"The customer has waited 10 minutes for a reply.\"}"
    "]}"
    "]";

static const char *const canned[][3] = {
    {"order", "Order status",
     "Please send your order number (e.g. A-1234) and I will check it."},
    {"thanks", "Thanks", "Thank you for contacting us! Anything else?"},
    {"hours", "Opening hours",
     "We are open Monday to Friday, 9:00 to 18:00 (KST)."},
    {"ko-order", "주문 조회",
     "주문 번호를 알려주시면 바로 확인해 드리겠습니다."},
    {"ko-thanks", "감사 인사",
     "문의해 주셔서 감사합니다. 더 도와드릴 일이 있을까요?"},
};

static enum store_rc id_of(struct db *db, const char *sql, int64_t account_id,
                           const char *name, int64_t *id)
{
    struct db_stmt *st;
    enum store_rc rc = db_prepare(db, sql, &st);

    if (rc)
        return rc;
    db_bind_int64(st, 1, account_id);
    db_bind_text(st, 2, name, -1);
    return sql_int64(st, id);
}

/*
 * Run sql binding the variadic arguments by types: 'i' an int64_t, 't' a
 * const char *. With id, read one int64 back (RETURNING).
 */
static enum store_rc run(struct db *db, int64_t *id, const char *sql,
                         const char *types, ...)
{
    struct db_stmt *st;
    va_list ap;
    enum store_rc rc = db_prepare(db, sql, &st);

    if (rc)
        return rc;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 'i')
            db_bind_int64(st, i + 1, va_arg(ap, int64_t));
        else
            db_bind_text(st, i + 1, va_arg(ap, const char *), -1);
    }
    va_end(ap);
    return id ? sql_int64(st, id) : sql_run(st);
}

static enum store_rc seed_people(struct db *db, int64_t acc, int64_t support,
                                 int64_t korean)
{
    int64_t agent2 = 0;
    enum store_rc rc = id_of(db,
                             "SELECT id FROM users WHERE account_id = $1 AND "
                             "email = $2",
                             acc, "agent2@demo.test", &agent2);

    if (rc == STORE_OK)
        rc = run(db, NULL,
                 "INSERT INTO agent_skills (account_id, user_id, skill) "
                 "VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                 "iit", acc, agent2, "lang:ko");
    else if (rc == STORE_NOT_FOUND)
        rc = STORE_OK;
    static const char policy[] =
        "INSERT INTO assignment_policies (account_id, team_id, mode, "
        "capacity, skills, created_at, updated_at) VALUES ($1, $2, "
        "'least_loaded', 10, $3, $4, $4)";
    if (rc == STORE_OK && support)
        rc = run(db, NULL, policy, "iiti", acc, support, "[]", clock_now_ms());
    if (rc == STORE_OK && korean)
        rc = run(db, NULL, policy, "iiti", acc, korean, "[\"lang:ko\"]",
                 clock_now_ms());
    return rc;
}

static enum store_rc seed_hours_and_settings(struct db *db, int64_t acc)
{
    static const char hours[] =
        "{\"timezone\":\"Asia/Seoul\",\"weekly\":["
        "{\"day\":\"mon\",\"open\":\"09:00\",\"close\":\"18:00\"},"
        "{\"day\":\"tue\",\"open\":\"09:00\",\"close\":\"18:00\"},"
        "{\"day\":\"wed\",\"open\":\"09:00\",\"close\":\"18:00\"},"
        "{\"day\":\"thu\",\"open\":\"09:00\",\"close\":\"18:00\"},"
        "{\"day\":\"fri\",\"open\":\"09:00\",\"close\":\"18:00\"}],"
        "\"holidays\":[\"2026-12-25\",\"2027-01-01\"]}";
    enum store_rc rc =
        run(db, NULL,
            "INSERT INTO business_hours (inbox_id, account_id, hours, "
            "updated_at) SELECT id, $1, $2, $3 FROM inboxes WHERE account_id = "
            "$1 ON CONFLICT (inbox_id) DO NOTHING",
            "iti", acc, hours, clock_now_ms());

    if (rc == STORE_OK)
        rc = run(db, NULL,
                 "INSERT INTO automation_settings (account_id, "
                 "idle_resolve_min, closing_message, closing_csat, "
                 "updated_at) VALUES ($1, 1440, $2, 1, $3) "
                 "ON CONFLICT (account_id) DO NOTHING",
                 "iti", acc,
                 "We are closing this conversation as it has been quiet. "
                 "Write any time to start again!",
                 clock_now_ms());
    for (size_t i = 0; rc == STORE_OK && i < sizeof canned / sizeof *canned;
         i++) {
        struct db_stmt *st;
        if ((rc = db_prepare(db,
                             "INSERT INTO canned_replies (account_id, "
                             "shortcut, title, body, created_at, updated_at) "
                             "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT "
                             "(account_id, shortcut) DO NOTHING",
                             &st)))
            break;
        db_bind_int64(st, 1, acc);
        db_bind_text(st, 2, canned[i][0], -1);
        db_bind_text(st, 3, canned[i][1], -1);
        db_bind_text(st, 4, canned[i][2], -1);
        db_bind_int64(st, 5, clock_now_ms());
        rc = sql_run(st);
    }
    return rc;
}

static enum store_rc seed_rules(struct db *db, int64_t acc, int64_t support,
                                int64_t korean, int64_t sla)
{
    char *text = xasprintf(demo_rules, (long long)support, (long long)korean,
                           (long long)sla);
    json_error_t jerr;
    json_t *docs = json_loads(text, 0, &jerr);
    enum store_rc rc = STORE_OK;

    free(text);
    if (!docs) {
        log_error("automation_seed_invalid", "line=%d reason=\"%s\"", jerr.line,
                  jerr.text);
        return STORE_ERROR;
    }
    for (size_t i = 0; rc == STORE_OK && i < json_array_size(docs); i++) {
        json_t *doc = json_array_get(docs, i);
        struct auto_rule r;
        char err[256];
        int64_t id;
        json_object_set_new(doc, "position", json_integer((json_int_t)i));
        if (auto_rule_compile(doc, &r, err, sizeof err)) {
            log_error("automation_seed_invalid", "rule=%zu reason=\"%s\"", i,
                      err);
            rc = STORE_ERROR;
            break;
        }
        auto_rule_free(&r);
        rc = auto_rules_save(db, acc, 0, doc, &id);
    }
    json_decref(docs);
    return rc;
}

static enum store_rc seed_tx(struct db *db, void *arg)
{
    int64_t acc = *(int64_t *)arg, support = 0, korean = 0, sla = 0, any;
    static const char team_sql[] =
        "SELECT id FROM teams WHERE account_id = $1 AND name = $2";
    enum store_rc rc = run(db, &any,
                           "SELECT id FROM rules WHERE account_id = $1 "
                           "LIMIT 1",
                           "i", acc);

    if (rc != STORE_NOT_FOUND)
        return rc; /* STORE_OK: already has rules; leave them be */
    if ((rc = id_of(db, team_sql, acc, "Support", &support)) &&
        rc != STORE_NOT_FOUND)
        return rc;
    if ((rc = id_of(db, team_sql, acc, "Korean Desk", &korean)) &&
        rc != STORE_NOT_FOUND)
        return rc;
    if ((rc = run(db, &sla,
                  "INSERT INTO sla_policies (account_id, name, "
                  "first_response_s, next_response_s, resolution_s, "
                  "at_risk_pct, created_at, updated_at) VALUES ($1, $2, 900, "
                  "1800, 86400, 80, $3, $3) RETURNING id",
                  "iti", acc, "Standard", clock_now_ms())))
        return rc;
    if ((rc = seed_people(db, acc, support, korean)) ||
        (rc = seed_hours_and_settings(db, acc)))
        return rc;
    return seed_rules(db, acc, support, korean, sla);
}

enum store_rc automation_seed_demo(struct db *db, int64_t account_id)
{
    enum store_rc rc = store_tx(db, seed_tx, &account_id);

    if (rc == STORE_OK)
        log_info("automation_demo_seeded", "account=%lld",
                 (long long)account_id);
    return rc;
}
