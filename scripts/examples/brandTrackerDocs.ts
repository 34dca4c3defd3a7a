/** Banner plan of the brand tracker, as a research team would write it: some columns as rules, some in words. */
export const BRAND_TRACKER_BANNER = `# Brand Tracker - Banner Plan

Total column first on every table. Show column percentages and test significance within each group.

## Gender
- Male (S1 = 1)
- Female: S1=2

## Age
- Aged 18 to 34
- Aged 35 to 54
- 55 and over

## Region
- North region
- South region
- East region
- West region

## First-mentioned brand
- Alpha
- Bravo
- Cobalt
- Delta
- Echo

## Customer service contact
- Contacted customer service (Q6 = 1)
- Did not contact customer service
`;

/** Questionnaire of the brand tracker, with the routing instructions the way fieldwork scripts phrase them. */
export const BRAND_TRACKER_SURVEY = `# Brand Tracker Survey 2024

Online interviews with adults aged 18 and over. Fieldwork: June 2024.

## Screener

### S1. Which of the following best describes your gender?
[ASK ALL]
1. Male
2. Female
3. Non-binary

### S2. How old are you?
[ASK ALL] Record age in years (18-99). Recoded into AGEGRP: 18-34, 35-54, 55+.

### REGION. Region of residence
[ASK ALL] Taken from the postcode: North, South, East, West.

## Main questionnaire

### Q1. When you think of this product category, which brand comes to mind first?
[ASK ALL] Single answer.
1. Alpha
2. Bravo
3. Cobalt
4. Delta
5. Echo
6. Other

### Q2. Which of these brands have you used in the past 3 months?
[ASK ALL] Multiple answers allowed.
1. Alpha
2. Bravo
3. Cobalt
4. Delta
5. Echo
6. Other

### Q3. Overall, how satisfied are you with your main brand?
[ASK ALL]
1. Very dissatisfied
2. Somewhat dissatisfied
3. Neither satisfied nor dissatisfied
4. Somewhat satisfied
5. Very satisfied
99. Don't know

### Q4. What is the main reason you are satisfied with your main brand?
[ASK IF Q3 = 4 OR 5]
1. Product quality
2. Value for money
3. Customer service
4. Convenience
5. Something else

### Q5. How likely are you to recommend your main brand to a friend or colleague?
[ASK ALL] Scale from 0 (not at all likely) to 10 (extremely likely).

### Q6. Have you contacted customer service in the past year?
[ASK ALL]
1. Yes
2. No

### Q7. How satisfied were you with customer service?
Ask only those who contacted customer service (Q6 = 1).
1. Very dissatisfied
2. Somewhat dissatisfied
3. Neither satisfied nor dissatisfied
4. Somewhat satisfied
5. Very satisfied

### Q8. Which channels did you use to contact customer service?
Ask only those who contacted customer service (Q6 = 1). Multiple answers allowed.
1. Phone
2. Email
3. Live chat
4. In store

### Q9. Do you have any other comments about your main brand?
[ASK ALL] Open answer, optional.

### STORES. How many of the brand's stores have you visited in the past month?
[ASK ALL] 1, 2 or 3 stores.

### Q10. How would you rate your visit to this store?
[LOOP FOR EACH STORE VISITED, UP TO 3] Asked once per store visited (Q10_L1 for the first store, Q10_L2 for
the second, Q10_L3 for the third).
1. Very poor
2. Poor
3. Fair
4. Good
5. Excellent
`;
