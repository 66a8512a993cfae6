// End-to-end browser tests: Debian's Chromium (playwright-core, no browser download) drives the dashboard
// through the gateway against the real platform with stand-in Telegram and Gemini. Exit code 1 on failure.
//   BASE_URL=http://127.0.0.1:38080 TELEGRAM_STANDIN_URL=http://127.0.0.1:38091 npm run test:e2e
import { chromium } from "playwright-core";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:38080").replace(/\/+$/, "");
const STANDIN = (process.env.TELEGRAM_STANDIN_URL ?? "http://127.0.0.1:38091").replace(/\/+$/, "");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHOTS = path.join(HERE, "..", "test-results", "screenshots");
const WAIT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
const RUN = Date.now().toString(36);

/** The few interface sentences the tests look for, per language (the rest is matched by test ids). */
const TEXT = {
    uz: {
        loginTitle: "Kirish",
        signupLink: "Ro'yxatdan o'tish",
        plansTitle: "Tarifni tanlang",
        trialPlan: "Bepul sinov",
        trialStatus: "Sinov davri",
        botsTitle: "Botlarim",
        tabKnowledge: "Bilimlar bazasi",
        tabTelegram: "Telegram",
        tabChat: "Botni sinab ko'ring",
        wrongPassword: "Elektron pochta yoki parol noto'g'ri.",
        badToken: "Telegram bu tokenni qabul qilmadi.",
        connected: "sifatida ulangan",
        required: "Bu maydonni to'ldiring.",
        usageMessages: /Xabarlar: [1-9]\d* \//,
        docAdded: "Matn qo'shildi.",
        tabSettings: "Sozlamalar",
        paused: "To'xtatilgan",
        saved: "Sozlamalar saqlandi.",
        planChanged: "Tarif o'zgartirildi.",
        planLimit: "Tarifingiz boshqa bot yaratishga ruxsat bermaydi.",
        starter: "Boshlang'ich",
    },
    ru: {
        loginTitle: "Вход",
        signupLink: "Зарегистрироваться",
        plansTitle: "Выберите тариф",
        trialPlan: "Пробный",
        trialStatus: "Пробный период",
        botsTitle: "Мои боты",
        tabKnowledge: "База знаний",
        tabTelegram: "Telegram",
        tabChat: "Проверить бота",
        wrongPassword: "Неверная почта или пароль.",
        badToken: "Telegram не принял этот токен.",
        connected: "Подключён как",
        required: "Заполните это поле.",
        usageMessages: /Сообщения: [1-9]\d* из/,
        docAdded: "Текст добавлен.",
        tabSettings: "Настройки",
        paused: "Приостановлен",
        saved: "Настройки сохранены.",
        planChanged: "Тариф изменён.",
        planLimit: "Ваш тариф не позволяет создать больше ботов.",
        starter: "Стартовый",
    },
    en: {
        loginTitle: "Log in",
        signupLink: "Sign up",
        plansTitle: "Choose a plan",
        trialPlan: "Free trial",
        trialStatus: "Trial",
        botsTitle: "My bots",
        tabKnowledge: "Knowledge base",
        tabTelegram: "Telegram",
        tabChat: "Try your bot",
        wrongPassword: "Email or password is incorrect.",
        badToken: "Telegram did not accept this token.",
        connected: "Connected as",
        required: "This field is required.",
        usageMessages: /Messages: [1-9]\d* of/,
        docAdded: "The text has been added.",
        tabSettings: "Settings",
        paused: "Paused",
        saved: "The settings have been saved.",
        planChanged: "Your plan has been changed.",
        planLimit: "Your plan allows no more bots.",
        starter: "Starter",
    },
};

/** Knowledge per language: a unique marker lets us see the answer is grounded in it. */
const KNOWLEDGE = {
    uz: {
        title: "Narxlar",
        text: (m) => `Choy narxi ${m} so'm. Non 4000 so'm. Choyxona har kuni 8:00 dan 22:00 gacha ochiq.`,
        question: "Choy necha pul?",
        bot: "Choyxona",
    },
    ru: {
        title: "Цены",
        text: (m) =>
            `Чай стоит ${m} сумов. Лепёшка стоит 4000 сумов. Чайхана открыта каждый день с 8:00 до 22:00.`,
        question: "Сколько стоит чай?",
        bot: "Чайхана",
    },
    en: {
        title: "Prices",
        text: (m) =>
            `Tea costs ${m} soum. Bread costs 4000 soum. The tea house is open every day from 8:00 to 22:00.`,
        question: "How much does tea cost?",
        bot: "Tea house",
    },
};

const results = [];
const pageErrors = [];
let browser;

function log(line) {
    process.stdout.write(`${line}\n`);
}

async function step(page, name, fn) {
    const started = Date.now();
    try {
        await fn();
        results.push({ name, ok: true, ms: Date.now() - started });
        log(`  ✓ ${name} (${Date.now() - started} ms)`);
        await shot(page, name);
    } catch (error) {
        results.push({ name, ok: false, ms: Date.now() - started, error });
        log(
            `  ✗ ${name} (${Date.now() - started} ms)\n      ${String(error?.message ?? error)
                .split("\n")
                .slice(0, 6)
                .join("\n      ")}`,
        );
        await shot(page, `FAILED ${name}`);
        throw error;
    }
}

async function shot(page, name) {
    if (!page) return;
    const slug = name.replace(/[^\p{L}\p{N}]+/gu, "-").slice(0, 80);
    const file = `${String(results.length).padStart(3, "0")}-${slug}.png`;
    await page.screenshot({ path: path.join(SHOTS, file), fullPage: true }).catch(() => {});
}

function expect(condition, message) {
    if (!condition) throw new Error(message);
}

async function expectText(locator, expected, what) {
    const deadline = Date.now() + WAIT;
    let last = "";
    while (Date.now() < deadline) {
        last =
            (await locator
                .first()
                .textContent({ timeout: WAIT })
                .catch(() => "")) ?? "";
        if (expected instanceof RegExp ? expected.test(last) : last.includes(expected)) return last;
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what}: expected ${expected} in "${last}"`);
}

async function standInToken(username) {
    const response = await fetch(`${STANDIN}/__standin/bots`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username }),
    });
    expect(response.ok, `stand-in Telegram refused a bot: ${response.status}`);
    return response.json();
}

async function newPage(viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ viewport, locale: "en-US" });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.on("dialog", (d) => d.accept());
    page.on("pageerror", (e) => {
        pageErrors.push(e.message);
        log(`      [page error] ${e.message}`);
    });
    return page;
}

async function chooseLanguage(page, lang) {
    await page.getByTestId("lang-switch").selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

async function noHorizontalScroll(page) {
    const [scroll, width] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        window.innerWidth,
    ]);
    expect(scroll <= width + 1, `page scrolls sideways on a phone: ${scroll}px > ${width}px`);
}

/** The whole journey in one language: sign-up → trial → bot → knowledge → Telegram → ask → logout/login. */
async function journey(lang, options = {}) {
    const page = await newPage(options.phone ? { width: 390, height: 844 } : undefined);
    try {
        await journeySteps(page, lang, options);
    } finally {
        await page.context().close();
    }
}

async function journeySteps(page, lang, { phone = false } = {}) {
    const t = TEXT[lang];
    const k = KNOWLEDGE[lang];
    const email = `owner-${lang}-${RUN}@example.com`;
    const password = `correct horse ${RUN}`;
    const marker = `${lang.toUpperCase()}${Math.floor(1000 + Math.random() * 8999)}`;
    log(`\n[${lang}] journey${phone ? " on a phone screen (390×844)" : ""}`);

    await step(page, `${lang}: /app/ opens the login page`, async () => {
        await page.goto(`${BASE_URL}/app/`);
        await page.waitForURL(/\/app\/login\/$/);
        expect(
            (await page.evaluate(() => document.documentElement.lang)) === "uz",
            "the default language is not Uzbek",
        );
        if (lang !== "uz") await chooseLanguage(page, lang);
        await expectText(page.locator("h1"), t.loginTitle, "login heading");
        if (phone) await noHorizontalScroll(page);
    });

    await step(page, `${lang}: the login form is validated before sending`, async () => {
        let sent = false;
        page.on("request", (r) => {
            if (r.url().includes("/api/users/login")) sent = true;
        });
        await page.getByTestId("login-form").locator("button[type=submit]").click();
        await expectText(page.getByTestId("field-error"), t.required, "empty email");
        // Focus moves in an effect after the error renders: wait for it (briefly) instead of racing it.
        const moved = await page
            .waitForFunction(() => document.activeElement?.getAttribute("name") === "email", null, { timeout: 2000 })
            .then(() => true, () => false);
        const focused = await page.evaluate(() => document.activeElement?.getAttribute("name"));
        expect(moved, `focus did not move to the first invalid field (${focused})`);
        expect(!sent, "an empty login form was sent to the server");
    });

    await step(page, `${lang}: sign up`, async () => {
        await page.getByRole("link", { name: t.signupLink }).click();
        await page.waitForURL(/\/signup\/$/);
        await page.locator("input[name=name]").fill(`Owner ${lang}`);
        await page.locator("input[name=email]").fill(email);
        await page.locator("input[name=password]").fill(password);
        await page.getByTestId("signup-form").locator("button[type=submit]").click();
        await page.waitForURL(/\/plans\/$/);
        await expectText(page.locator("h1"), t.plansTitle, "plans heading");
    });

    await step(page, `${lang}: start the free trial`, async () => {
        await page.getByTestId("start-trial").click();
        await page.waitForURL(/\/bots\/$/);
        await expectText(page.getByTestId("usage-plan"), t.trialPlan, "plan name");
        await expectText(page.getByTestId("usage-status"), t.trialStatus, "subscription status");
        if (phone) await noHorizontalScroll(page);
    });

    await step(page, `${lang}: create a bot`, async () => {
        await page.getByTestId("new-bot").click();
        const form = page.getByTestId("bot-form");
        await form.locator("button[type=submit]").click();
        await expectText(form.getByTestId("field-error"), t.required, "empty bot name");
        await form.locator("input[name=name]").fill(`${k.bot} ${RUN}`);
        await form
            .locator("textarea[name=systemPrompt]")
            .fill("You are a polite assistant. Answer only from the knowledge.");
        await form.locator("input[name=language]").fill(lang);
        await form.locator("textarea[name=fallbackMessage]").fill("?");
        await form.locator("button[type=submit]").click();
        await page.waitForURL(/\/bot\/\?id=/);
        await expectText(page.getByTestId("bot-title"), k.bot, "bot title");
    });

    await step(page, `${lang}: add knowledge (typed text, an uploaded .md file), delete one`, async () => {
        await page.getByRole("tab", { name: t.tabKnowledge }).click();
        const form = page.getByTestId("knowledge-form");
        await form.locator("input[name=title]").fill(k.title);
        await form.locator("textarea[name=content]").fill(k.text(marker));
        await form.locator("button[type=submit]").click();
        await expectText(page.getByTestId("success"), t.docAdded, "document added");
        await expectText(page.getByTestId("doc-list"), k.title, "document list");
        await form.locator("input[type=file]").setInputFiles({
            name: "manzil.md",
            mimeType: "text/markdown",
            buffer: Buffer.from("# Manzil\nToshkent, Amir Temur ko'chasi 1.\n"),
        });
        await page.waitForFunction(
            () =>
                document.querySelector("input[name=title]")?.value === "manzil" &&
                document.querySelector("textarea[name=content]")?.value.includes("Amir Temur"),
        );
        await form.locator("button[type=submit]").click();
        await expectText(page.getByTestId("doc-list"), "manzil", "uploaded document");
        await page.getByTestId("doc-list").locator("li", { hasText: "manzil" }).getByRole("button").click();
        await page.waitForFunction(
            () => !document.querySelector("[data-testid=doc-list]")?.textContent?.includes("manzil"),
        );
        await expectText(page.getByTestId("doc-list"), k.title, "the typed document stays");
    });

    await step(page, `${lang}: a refused Telegram token is shown as a sentence`, async () => {
        await page.getByRole("tab", { name: t.tabTelegram }).click();
        const form = page.getByTestId("telegram-form");
        await form.locator("input[name=token]").fill("not a token");
        await form.locator("button[type=submit]").click();
        await expectText(form.getByTestId("field-error"), /\S/, "malformed token");
        await form.locator("input[name=token]").fill("987654321:AAthisTokenIsWellFormedButUnknown_x");
        await form.locator("button[type=submit]").click();
        await expectText(page.getByTestId("error"), t.badToken, "invalid token error");
    });

    await step(page, `${lang}: connect Telegram with a stand-in token`, async () => {
        const username = `shop_${lang}_${RUN}_bot`;
        const { token } = await standInToken(username);
        const form = page.getByTestId("telegram-form");
        await form.locator("input[name=token]").fill(token);
        await form.locator("button[type=submit]").click();
        await expectText(page.getByTestId("telegram-username"), `@${username}`, "connected username");
        await expectText(page.getByTestId("telegram-username"), t.connected, "connected label");
        await expectText(page.getByTestId("telegram-webhook"), "/telegram/webhook/", "webhook url");
    });

    await step(page, `${lang}: ask in the test chat and get an answer from the knowledge`, async () => {
        await page.getByRole("tab", { name: t.tabChat }).click();
        await page.locator("#chat-input").fill(k.question);
        await page.locator("#chat-input").press("Enter");
        const answer = await expectText(page.getByTestId("chat-answer"), marker, "grounded answer");
        log(`      answer: ${answer.replace(/\s+/g, " ").slice(0, 140)}`);
        if (phone) await noHorizontalScroll(page);
    });

    await step(page, `${lang}: edit the bot and pause it`, async () => {
        await page.getByRole("tab", { name: t.tabSettings }).click();
        const form = page.getByTestId("bot-form");
        await form.locator("textarea[name=welcomeMessage]").fill(`${k.bot}: welcome!`);
        await form.locator("input[type=checkbox]").check();
        await form.locator("button[type=submit]").click();
        await expectText(page.getByTestId("success"), t.saved, "settings saved");
        await expectText(page.getByTestId("bot-status"), t.paused, "paused status");
        expect(
            (await form.locator("textarea[name=welcomeMessage]").inputValue()) === `${k.bot}: welcome!`,
            "welcome lost",
        );
        // Keyboard: arrows move between the bot's tabs.
        await page.getByRole("tab", { name: t.tabSettings }).focus();
        await page.keyboard.press("ArrowRight");
        expect(
            (await page.evaluate(() => document.activeElement?.getAttribute("aria-selected"))) === "true",
            "arrow key",
        );
    });

    await step(page, `${lang}: the usage meter counts the message`, async () => {
        await page.goto(`${BASE_URL}/app/bots/`);
        await expectText(page.getByTestId("usage-messages"), t.usageMessages, "messages used");
        await expectText(page.getByTestId("bot-list"), k.bot, "bot list");
        await expectText(
            page.locator("h1"),
            t.botsTitle,
            "bots heading after reload (language remembered)",
        );
    });

    await step(page, `${lang}: a second bot on the trial is refused with a sentence`, async () => {
        await page.getByTestId("new-bot").click();
        const form = page.getByTestId("bot-form");
        await form.locator("input[name=name]").fill(`${k.bot} 2`);
        await form.locator("button[type=submit]").click();
        await expectText(form.getByTestId("error"), t.planLimit, "plan-limit error");
    });

    await step(page, `${lang}: an expired access token is refreshed silently`, async () => {
        await page.evaluate(() => {
            const tokens = JSON.parse(localStorage.getItem("bf.tokens"));
            tokens.accessToken = "expired.or.forged.token";
            localStorage.setItem("bf.tokens", JSON.stringify(tokens));
        });
        await page.reload();
        await expectText(page.getByTestId("bot-list"), k.bot, "bot list after refresh");
        const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("bf.tokens")).accessToken);
        expect(stored !== "expired.or.forged.token", "the access token was not renewed");
    });

    await step(page, `${lang}: log out, a wrong password is a sentence, log in again`, async () => {
        await page.getByTestId("logout").click();
        await page.waitForURL(/\/login\/$/);
        expect(
            (await page.evaluate(() => localStorage.getItem("bf.tokens"))) === null,
            "tokens left after logout",
        );
        await page.locator("input[name=email]").fill(email);
        await page.locator("input[name=password]").fill("wrong password!");
        await page.getByTestId("login-form").locator("button[type=submit]").click();
        await expectText(page.getByTestId("error"), t.wrongPassword, "wrong password error");
        await page.locator("input[name=password]").fill(password);
        await page.getByTestId("login-form").locator("button[type=submit]").click();
        await page.waitForURL(/\/bots\/$/);
        await expectText(page.getByTestId("bot-list"), k.bot, "bot list after login");
    });

    if (lang === "en") {
        await step(page, `${lang}: change the plan from the trial to Starter`, async () => {
            await page.goto(`${BASE_URL}/app/plans/`);
            await page.getByTestId("plan-STARTER").getByRole("button").click();
            await expectText(page.getByTestId("success"), t.planChanged, "plan changed");
            await expectText(page.getByTestId("usage-plan"), t.starter, "new plan in the usage meter");
        });
    }
}

/** Cross-cutting checks: no flash of the wrong language, keyboard use, 404s. */
async function extras() {
    log("\n[extras]");
    const page = await newPage();
    try {
        await extrasSteps(page);
    } finally {
        await page.context().close();
    }
}

async function extrasSteps(page) {
    await step(
        page,
        "no flash of Uzbek when Russian is remembered (page hidden until the language applies)",
        async () => {
            await page.goto(`${BASE_URL}/app/login/`);
            await page.evaluate(() => localStorage.setItem("bf.lang", "ru"));
            // Without the app's scripts, the prerendered (Uzbek) HTML must never become visible.
            await page.route("**/_next/static/chunks/**", (route) => route.abort());
            await page.goto(`${BASE_URL}/app/login/`);
            const [lang, visibility] = await page.evaluate(() => [
                document.documentElement.lang,
                getComputedStyle(document.body).visibility,
            ]);
            expect(lang === "ru" && visibility === "hidden", `lang=${lang} body visibility=${visibility}`);
            await page.unroute("**/_next/static/chunks/**");
            await page.goto(`${BASE_URL}/app/login/`);
            await expectText(page.locator("h1"), TEXT.ru.loginTitle, "Russian login heading");
            expect(
                (await page.evaluate(() => getComputedStyle(document.body).visibility)) === "visible",
                "page stays hidden",
            );
        },
    );

    await step(page, "keyboard: skip link first, the form works from the keyboard", async () => {
        await page.keyboard.press("Tab");
        const first = await page.evaluate(() => document.activeElement?.className);
        expect(first === "skip-link", `first Tab lands on ${first}`);
        await page.locator("input[name=email]").focus();
        await page.keyboard.type("nobody@example.com");
        await page.keyboard.press("Tab");
        await page.keyboard.type("definitely-wrong");
        await page.keyboard.press("Enter");
        await expectText(page.getByTestId("error"), TEXT.ru.wrongPassword, "error after keyboard submit");
    });

    await step(page, "a failing service is a sentence with a retry, never a blank page", async () => {
        await page.goto(`${BASE_URL}/app/login/`);
        await page.evaluate(() => localStorage.setItem("bf.lang", "en"));
        await page.goto(`${BASE_URL}/app/signup/`);
        const email = `down-${RUN}@example.com`;
        await page.locator("input[name=name]").fill("Down");
        await page.locator("input[name=email]").fill(email);
        await page.locator("input[name=password]").fill(`correct horse ${RUN}`);
        await page.getByTestId("signup-form").locator("button[type=submit]").click();
        await page.waitForURL(/\/plans\/$/);
        // bot-service "down": the gateway's own 502 problem, then an HTML page from something in between.
        let calls = 0;
        await page.route("**/api/bots", (route) =>
            ++calls === 1
                ? route.fulfill({
                      status: 502,
                      contentType: "application/problem+json",
                      body: JSON.stringify({
                          type: "service-unavailable",
                          title: "Bad Gateway",
                          status: 502,
                          detail: "The service behind this address is not reachable right now.",
                      }),
                  })
                : route.fulfill({ status: 500, contentType: "text/html", body: "<h1>oops</h1>" }),
        );
        await page.goto(`${BASE_URL}/app/bots/`);
        await expectText(page.getByTestId("error"), "temporarily unavailable", "502 sentence");
        await page.getByTestId("error").getByRole("button").click();
        await expectText(page.getByTestId("error"), "Something went wrong", "500 sentence");
        await page.unroute("**/api/bots");
        await page.getByTestId("error").getByRole("button").click();
        await expectText(page.locator("h1"), TEXT.en.botsTitle, "bots after the service is back");
        expect((await page.title()).startsWith(TEXT.en.botsTitle), `title ${await page.title()}`);
    });

    await step(page, "an unknown dashboard address falls back to the app, not an error page", async () => {
        const response = await page.goto(`${BASE_URL}/app/no/such/page/`);
        expect(response.status() === 200, `status ${response.status()}`);
        await page.waitForURL(/\/app\/(login|no\/such\/page)\/$/);
        await expectText(page.locator("body"), /\S/, "page body");
    });
}

async function main() {
    mkdirSync(SHOTS, { recursive: true });
    log(`BotFactory dashboard e2e: ${BASE_URL}/app/ (stand-in Telegram ${STANDIN}, browser ${CHROMIUM})`);
    const started = Date.now();
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
    });
    const suites = [() => journey("uz"), () => journey("ru", { phone: true }), () => journey("en"), extras];
    let failed = false;
    for (const suite of suites) {
        try {
            await suite();
        } catch {
            failed = true;
        }
    }
    await browser.close();
    const passed = results.filter((r) => r.ok).length;
    const summary =
        `\n${passed}/${results.length} steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (pageErrors.length ? `; ${pageErrors.length} uncaught page error(s)` : "") +
        (failed ? " — FAILED" : "");
    log(summary);
    writeFileSync(
        path.join(SHOTS, "..", "e2e-summary.txt"),
        results
            .map(
                (r) =>
                    `${r.ok ? "ok  " : "FAIL"} ${r.name} (${r.ms} ms)${r.ok ? "" : `: ${r.error?.message}`}`,
            )
            .join("\n") +
            summary +
            "\n",
    );
    process.exit(failed ? 1 : 0);
}

main().catch(async (error) => {
    log(`e2e crashed: ${error?.stack ?? error}`);
    await browser?.close().catch(() => {});
    process.exit(1);
});
