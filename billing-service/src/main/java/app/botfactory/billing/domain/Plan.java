// A plan of the catalogue (seeded by migrations): price and the allowances it buys.
package app.botfactory.billing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "plans")
public class Plan {

    public static final String TRIAL = "TRIAL";

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "price_monthly_cents", nullable = false)
    public int priceMonthlyCents;

    @Column(nullable = false)
    public String currency;

    @Column(name = "bot_limit", nullable = false)
    public int botLimit;

    @Column(name = "monthly_message_limit", nullable = false)
    public int monthlyMessageLimit;

    @Column(name = "trial_days", nullable = false)
    public int trialDays;

    @Column(name = "sort_order", nullable = false)
    public int sortOrder;
}
