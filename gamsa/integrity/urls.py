"""/integrity/: the programme's pages, one module of routes per concept."""

from gamsa.integrity.cardnews.urls import urlpatterns as cardnews
from gamsa.integrity.events.urls import urlpatterns as events
from gamsa.integrity.letters.urls import urlpatterns as letters
from gamsa.integrity.meetings.urls import urlpatterns as meetings
from gamsa.integrity.monitoring.urls import urlpatterns as monitoring
from gamsa.integrity.overview.urls import urlpatterns as overview
from gamsa.integrity.pledges.urls import urlpatterns as pledges
from gamsa.integrity.survey.urls import urlpatterns as survey
from gamsa.integrity.training.urls import urlpatterns as training

app_name = "integrity"

urlpatterns = overview + pledges + training + letters + survey + monitoring + events + meetings + cardnews
